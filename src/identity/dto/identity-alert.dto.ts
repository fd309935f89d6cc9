import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { IdentityAlertStatus } from '../entities/identity-alert.entity';
import { Checkpoint } from '../verification-result';

export class IdentityAlertQueryDto {
  @ApiPropertyOptional({ enum: IdentityAlertStatus })
  @IsOptional()
  @IsEnum(IdentityAlertStatus)
  status?: IdentityAlertStatus;
}

export class AcknowledgeIdentityAlertDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @IsText(1000, { example: 'Both women re-checked against photos; bands swapped by mistake, reissued.' })
  note: string;
}

export class IdentityAlertResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) verificationId: string;
  @ApiProperty({ enum: Checkpoint }) checkpoint: Checkpoint;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ enum: IdentityAlertStatus }) status: IdentityAlertStatus;
  @ApiProperty() raisedAt: Date;
  @ApiProperty({ format: 'uuid' }) raisedById: string;
  @ApiProperty({ nullable: true }) acknowledgedAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true }) acknowledgedById: string | null;
  @ApiProperty({ nullable: true }) acknowledgementNote: string | null;
  @ApiProperty() version: number;
}
