import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsText, NestedObject, NestedObjects } from '../../common/validation/validators';
import { ClaimKind, DiscrepancyOutcome } from '../property.enums';
import { MoneyDto } from './money.dto';

/** Whoever receives the belongings of a person who has died (next of kin, consul...), as the receipt names them. */
export class ReturnRecipientDto {
  @IsText(200, { example: 'Ana María López Mejía' })
  name: string;

  @IsText(100, { example: 'sister, next of kin' })
  relationship: string;
}

export class ReturnPropertyDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Items to return; default every held item',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(500)
  itemIds?: string[];

  @ApiPropertyOptional({
    type: [MoneyDto],
    description: 'Cash handed back per currency; default the whole balance of every currency',
  })
  @IsOptional()
  @IsArray()
  @NestedObjects(() => MoneyDto)
  @ArrayMaxSize(30)
  cash?: MoneyDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Second officer witnessing the return of valuables' })
  @IsOptional()
  @IsUUID()
  witnessId?: string;

  @ApiPropertyOptional({
    type: ReturnRecipientDto,
    description:
      'Required when the stay is DECEASED (and refused otherwise): who receives the belongings; they sign the ' +
      "return receipt in the person's place",
  })
  @IsOptional()
  @NestedObject(() => ReturnRecipientDto)
  recipient?: ReturnRecipientDto;
}

export class LossItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: ClaimKind })
  @IsIn(Object.values(ClaimKind))
  kind: ClaimKind;
}

export class LossReportDto {
  @IsText(2000, { example: 'MXN 50 missing from the envelope at release; envelope seal intact' })
  report: string;

  @ApiProperty({ type: [LossItemDto] })
  @IsArray()
  @NestedObjects(() => LossItemDto)
  @ArrayMaxSize(200)
  items: LossItemDto[] = [];

  @ApiProperty({ type: [MoneyDto], description: 'Cash missing per currency' })
  @IsArray()
  @NestedObjects(() => MoneyDto)
  @ArrayMaxSize(30)
  cash: MoneyDto[] = [];
}

export class TransferHandoverDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  receivingCentreId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Second officer witnessing the handover of valuables' })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}

export class ReverseHandoverDto {
  @IsText(1000, {
    example: 'Transfer rejected by the receiving centre (no capacity); belongings back in store',
  })
  reason: string;

  /** Where the belongings are stored again; by default where each item was before the handover. */
  @IsText(100, { optional: true, nullable: false, example: 'Locker B-12' })
  storageLocation?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Second officer witnessing the return of valuables to store',
  })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}

export class TransferArrivalDto {
  @ApiProperty({ format: 'uuid', description: 'The stay at the sending centre' })
  @IsUUID()
  fromStayId: string;

  @ApiProperty({
    type: [String],
    description: 'Seal numbers read on the bags that arrived',
    example: [' s-123'],
  })
  @IsArray()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  @ArrayMaxSize(100)
  seals: string[];

  @IsText(100, { example: 'Reception locker 3' })
  storageLocation: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Second officer of the receiving centre witnessing the intake of valuables',
  })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}

export class ResolveDiscrepancyDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @IsText(1000, { example: 'Seal replaced at the sending centre, report 12/2026 attached' })
  resolution: string;

  @ApiPropertyOptional({
    enum: DiscrepancyOutcome,
    description:
      'Required for a missing seal whose bag is still in transit: `found` takes its items into custody here ' +
      '(as the arrival does), `lost` records them lost with a claim on this stay. Absent for an unknown seal',
  })
  @IsOptional()
  @IsIn(Object.values(DiscrepancyOutcome))
  outcome?: DiscrepancyOutcome;

  /** Where the bag that turned up is stored (`found` only). */
  @IsText(100, { optional: true, nullable: false, example: 'Reception locker 3' })
  storageLocation?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Second officer witnessing the intake of valuables in a bag that turned up (`found` only)',
  })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}

export class UnclaimedNoticeDto {
  @IsText(500, { example: 'Calle 5 #12, San Pedro Sula, Honduras' })
  forwardingAddress: string;

  @IsText(100, { example: 'registered post' })
  channel: string;
}

export class AbandonPropertyDto {
  @IsText(1000, { example: 'Unclaimed after notice; perishables and clothing donated' })
  reason: string;
}
