import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEnum,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsDateOfBirth, IsText, NestedObject, OptionalNotNull } from '../../common/validation/validators';
import { Checkpoint, VerificationMethod, VerificationResult } from '../verification-result';

export class VerificationAnswersDto {
  @ApiPropertyOptional({ example: '1994-03-12', description: 'The date of birth the person states' })
  @OptionalNotNull()
  @IsDateOfBirth()
  dateOfBirth?: string;
}

/** Each piece is either presented or left out; `null` is refused (the verification tells the two apart). */
export class PresentedEvidenceDto {
  @ApiPropertyOptional({ description: 'The scanned QR payload or the code typed from the band' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(100)
  wristbandCode?: string;

  @ApiPropertyOptional({
    description: 'The number on the document presented; never stored or logged as given',
  })
  @OptionalNotNull()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,59}$/, {
    message: 'documentNumber must be 1-60 letters, digits, spaces, dots, dashes or slashes',
  })
  documentNumber?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Score reported by the fingerprint system' })
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  fingerprintMatchScore?: number;

  @ApiPropertyOptional({ type: VerificationAnswersDto })
  @OptionalNotNull()
  @NestedObject(() => VerificationAnswersDto)
  answers?: VerificationAnswersDto;
}

export class CreateIdentityVerificationDto {
  @ApiProperty({ enum: Checkpoint })
  @IsEnum(Checkpoint)
  checkpoint: Checkpoint;

  @ApiProperty({ enum: VerificationMethod, isArray: true, example: ['wristband', 'photo'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(VerificationMethod, { each: true })
  methods: VerificationMethod[];

  @ApiProperty({
    type: PresentedEvidenceDto,
    description: 'May be empty ({}) when only the photo was compared',
  })
  @IsDefined()
  @NestedObject(() => PresentedEvidenceDto)
  presented: PresentedEvidenceDto;

  @ApiPropertyOptional({
    enum: VerificationResult,
    description:
      "The officer's own judgement (comparing the face with the photo). It can lower the server's result, " +
      'never raise it. Required when the methods include photo',
  })
  @OptionalNotNull()
  @IsEnum(VerificationResult)
  officerAssessment?: VerificationResult;

  @IsText(1000, { optional: true })
  notes?: string;
}

export class IdentityVerificationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ enum: Checkpoint }) checkpoint: Checkpoint;
  @ApiProperty({ enum: VerificationMethod, isArray: true }) methods: string[];
  @ApiProperty({
    description: 'What the server found for each piece presented (never the presented values)',
    example: {
      wristband: 'OTHER_STAY',
      document: 'NOT_PRESENTED',
      dateOfBirth: 'SAME',
      fingerprintScore: null,
    },
  })
  findings: Record<string, unknown>;
  @ApiProperty({ enum: VerificationResult, nullable: true }) officerAssessment: VerificationResult | null;
  @ApiProperty({ enum: VerificationResult, description: 'Decided by the server' }) result: VerificationResult;
  @ApiProperty({ type: [String], example: ['WRISTBAND_OTHER_STAY'] }) reasons: string[];
  @ApiProperty({ nullable: true }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) verifiedById: string;
  @ApiProperty() verifiedAt: Date;
  @ApiPropertyOptional({ format: 'uuid', description: 'The identity alert raised by this MISMATCH, if any' })
  alertId?: string;
}
