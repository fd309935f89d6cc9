import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { IsDateTime, IsText, NestedObject, OptionalNotNull } from '../../common/validation/validators';
import { Placement, RiskIndicator, TraffickingIndicator, Vulnerability } from '../attention-decision';
import { ReferralResponseDto } from './referral.dto';

export class PlacementOverrideDto {
  @IsText(2000, {
    min: 10,
    example: 'Age dispute: passport HN-… shows date of birth 1999-05-01; age assessment requested',
  })
  reason: string;
}

export class CreateScreeningDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the interview took place, with its zone; now by default',
  })
  @IsOptional()
  @IsDateTime()
  interviewedAt?: string;

  @ApiPropertyOptional({ example: 'ht', description: 'ISO 639 code, when an interpreter was used' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'interpreterLanguage must be an ISO 639 code such as ht' })
  interpreterLanguage?: string;

  @ApiProperty({ enum: Vulnerability, isArray: true })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(Vulnerability, { each: true })
  vulnerabilities: Vulnerability[];

  @ApiProperty({ enum: RiskIndicator, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsEnum(RiskIndicator, { each: true })
  riskIndicators: RiskIndicator[];

  @ApiProperty({ description: 'The person intends to seek asylum' })
  @IsBoolean()
  asylumIntent: boolean;

  @ApiProperty({ enum: TraffickingIndicator, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsEnum(TraffickingIndicator, { each: true })
  traffickingIndicators: TraffickingIndicator[];

  @ApiPropertyOptional({ default: false, description: 'The person asks for consular assistance' })
  @IsOptional()
  @IsBoolean()
  consularAssistanceRequested?: boolean;

  @ApiPropertyOptional({ description: 'The person says they are under 18; the admission value by default' })
  @IsOptional()
  @IsBoolean()
  claimedChild?: boolean;

  @ApiPropertyOptional({
    enum: Placement,
    description:
      "The placement asked for; by default the centre's regime (a child never gets custody/detention)",
  })
  @OptionalNotNull()
  @IsEnum(Placement)
  requestedPlacement?: Placement;

  @ApiPropertyOptional({
    type: PlacementOverrideDto,
    description: 'Centre managers only: place a person who is or claims to be a child in custody/detention',
  })
  @IsOptional()
  @NestedObject(() => PlacementOverrideDto)
  override?: PlacementOverrideDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'To amend: the id of the current screening (a stale id answers 409)',
  })
  @IsOptional()
  @IsUUID()
  supersedes?: string;
}

export class ScreeningResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ description: '1 for the first screening, +1 per amendment' }) sequence: number;
  @ApiProperty({ description: 'The version in force' }) current: boolean;
  @ApiProperty() interviewedAt: Date;
  @ApiProperty({ format: 'uuid' }) interviewerId: string;
  @ApiProperty({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty({ enum: Vulnerability, isArray: true }) vulnerabilities: Vulnerability[];
  @ApiProperty({ enum: RiskIndicator, isArray: true }) riskIndicators: RiskIndicator[];
  @ApiProperty() asylumIntent: boolean;
  @ApiProperty({ enum: TraffickingIndicator, isArray: true }) traffickingIndicators: TraffickingIndicator[];
  @ApiProperty() consularAssistanceRequested: boolean;
  @ApiProperty() claimedChild: boolean;
  @ApiProperty({ nullable: true, type: Number }) ageAtScreening: number | null;
  @ApiProperty() child: boolean;
  @ApiProperty({ nullable: true, enum: Placement }) requestedPlacement: Placement | null;
  @ApiProperty({ enum: Placement, description: 'The attention decision' }) placement: Placement;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "A centre manager's reason for placing a (claimed) child in custody or detention",
  })
  overrideReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) overrideById: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "A centre manager's reason for withdrawing a recorded claim to be a child (sent as override)",
  })
  claimWithdrawalReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) claimWithdrawnById: string | null;
  @ApiProperty() createdAt: Date;
}

export class ScreeningResultDto {
  @ApiProperty({ type: ScreeningResponseDto }) screening: ScreeningResponseDto;
  @ApiProperty({
    type: [ReferralResponseDto],
    description: 'Every referral of the stay after this screening',
  })
  referrals: ReferralResponseDto[];
}
