import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsCountryCode, IsText, OptionalNotNull } from '../../common/validation/validators';
import { DocumentCheckMethod, DocumentType } from '../entities/identity-document.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateIdentityDocumentDto {
  @ApiProperty({ enum: DocumentType, description: '`none` records that the person had no document' })
  @IsEnum(DocumentType)
  type: DocumentType;

  @ApiPropertyOptional({
    example: 'G 1234-5678',
    maxLength: 60,
    description:
      'Required unless type is none. Stored normalised (upper case, no spaces or punctuation) and never shown ' +
      'again in full',
  })
  @ValidateIf((o: CreateIdentityDocumentDto) => o.type !== DocumentType.None || o.number !== undefined)
  @Transform(trim)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,59}$/, {
    message: 'number must be 1-60 letters, digits, spaces, dots, dashes or slashes',
  })
  number?: string;

  @ApiPropertyOptional({ example: 'HN', description: 'ISO 3166-1 alpha-2; required unless type is none' })
  @ValidateIf(
    (o: CreateIdentityDocumentDto) => o.type !== DocumentType.None || o.issuingCountry !== undefined,
  )
  @IsCountryCode()
  issuingCountry?: string;

  @ApiPropertyOptional({ example: '2030-05-31' })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string;

  @ApiPropertyOptional({
    enum: DocumentCheckMethod,
    description: 'How the document was checked; the caller is recorded as the verifier',
  })
  @OptionalNotNull()
  @IsEnum(DocumentCheckMethod)
  checkMethod?: DocumentCheckMethod;
}

export class CreateBiometricReferenceDto {
  @ApiProperty({ example: 'AFIS-HN', description: 'The external fingerprint system holding the template' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9 ._-]{1,60}$/, { message: 'system must be 1-60 letters, digits, spaces, . _ or -' })
  system: string;

  @ApiProperty({ example: 'TPL-000123', description: 'The template id in that system' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9:._-]{1,120}$/, { message: 'templateId must be 1-120 letters, digits, : . _ or -' })
  templateId: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 87 })
  @IsInt()
  @Min(0)
  @Max(100)
  quality: number;
}

export class CreateDistinguishingMarkDto {
  @IsText(100, { example: 'left forearm' })
  bodyLocation: string;

  @IsText(500, { example: 'tattoo of a rose, about 5 cm' })
  description: string;
}

export class IdentityDocumentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ enum: DocumentType }) type: DocumentType;
  @ApiProperty({ nullable: true, example: '••••5678', description: 'last four characters only' })
  numberMasked: string | null;
  @ApiProperty({ nullable: true }) issuingCountry: string | null;
  @ApiProperty({ nullable: true }) expiresOn: string | null;
  @ApiProperty({ enum: DocumentCheckMethod, nullable: true }) checkMethod: DocumentCheckMethod | null;
  @ApiProperty({ format: 'uuid', nullable: true }) verifiedById: string | null;
  @ApiProperty({ nullable: true }) verifiedAt: Date | null;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty() recordedAt: Date;
}

export class IdentityPhotoResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ enum: ['image/jpeg', 'image/png'] }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the stored bytes (metadata stripped), hex' }) sha256: string;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty() recordedAt: Date;
}

export class BiometricReferenceResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty() system: string;
  @ApiProperty() templateId: string;
  @ApiProperty() quality: number;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty() recordedAt: Date;
}

export class DistinguishingMarkResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty() bodyLocation: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty() recordedAt: Date;
}

export class IdentityEvidenceResponseDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: [IdentityDocumentResponseDto] }) documents: IdentityDocumentResponseDto[];
  @ApiProperty({ type: [IdentityPhotoResponseDto] }) photos: IdentityPhotoResponseDto[];
  @ApiProperty({ type: [BiometricReferenceResponseDto] })
  biometricReferences: BiometricReferenceResponseDto[];
  @ApiProperty({ type: [DistinguishingMarkResponseDto] })
  distinguishingMarks: DistinguishingMarkResponseDto[];
}

export class UploadIdentityPhotoDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG or PNG, at most 5 MB (configurable)' })
  photo: unknown;
}
