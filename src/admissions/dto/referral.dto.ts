import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsInt, Min } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { ReferralType } from '../attention-decision';
import { ReferralStatus } from '../entities/referral.entity';

export class ReferralResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ enum: ReferralType }) type: ReferralType;
  @ApiProperty({ enum: ReferralStatus }) status: ReferralStatus;
  @ApiProperty({ type: [String], description: 'The indicators that raised it' }) reasons: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) screeningId: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: Date }) statusChangedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) statusChangedById: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreateReferralDto {
  @ApiProperty({ enum: ReferralType })
  @IsEnum(ReferralType)
  type: ReferralType;

  @IsText(500, { example: 'Requested consular assistance at the interview' })
  reason: string;
}

export class UpdateReferralStatusDto {
  @ApiProperty({ enum: [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Declined] })
  @IsEnum(ReferralStatus)
  status: ReferralStatus;

  @IsText(1000, { optional: true, example: 'Sent to DINAF, case reference 2026-1142' })
  note?: string;

  @ApiProperty({ description: 'The version you read; a stale version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
