import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { Sex } from '../../persons/entities/person.entity';
import { TransferStatus } from '../entities/transfer.entity';

export class CreateTransferDto {
  @ApiProperty({ format: 'uuid', description: 'The receiving centre' })
  @IsUUID()
  toCentreId: string;

  @IsText(1000, { optional: true, example: 'Oficio INM/2026/1187: traslado por capacidad' })
  legalBasis?: string;

  @IsText(1000, { optional: true, example: 'Centre over capacity; family reunification in Tapachula' })
  reason?: string;
}

export class AcceptTransferDto {
  @IsText(50, { optional: true, example: 'C-03' })
  accommodationUnit?: string;

  @ApiProperty({ description: 'The version of the transfer you read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class DecideTransferDto {
  @IsText(1000, { example: 'No capacity for families this week' })
  reason: string;

  @ApiProperty({ description: 'The version of the transfer you read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class TransferQueryDto {
  @ApiProperty({ enum: TransferStatus, required: false })
  @IsOptional()
  @IsEnum(TransferStatus)
  status?: TransferStatus;
}

/** Identity fields the receiving centre needs before it accepts (information exchange between centres). */
export class TransferPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() familyNames: string;
  @ApiProperty({ enum: Sex }) sex: Sex;
  @ApiProperty({ nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ type: [String] }) nationalities: string[];
  @ApiProperty({ nullable: true, type: String }) preferredLanguage: string | null;
}

export class TransferResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) fromCentreId: string;
  @ApiProperty({ format: 'uuid' }) toCentreId: string;
  @ApiProperty({ enum: TransferStatus }) status: TransferStatus;
  @ApiProperty() legalBasis: string;
  @ApiProperty({ format: 'uuid' }) authorisedById: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ format: 'uuid' }) requestedById: string;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedById: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The stay opened on acceptance' })
  newStayId: string | null;
  @ApiProperty({ type: TransferPersonDto }) person: TransferPersonDto;
  @ApiProperty() version: number;
}
