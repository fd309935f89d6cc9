import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { ItemMovementType } from '../property.enums';

/** Movements recorded on one item. Returns, handovers and losses go through their own endpoints (receipts, claims). */
export const DIRECT_MOVEMENTS = [
  ItemMovementType.Moved,
  ItemMovementType.TakenTemporarily,
  ItemMovementType.ReturnedTemporarily,
  ItemMovementType.Seized,
  ItemMovementType.Disposed,
] as const;
export type DirectMovement = (typeof DIRECT_MOVEMENTS)[number];

export class ItemMovementDto {
  @ApiProperty({ enum: DIRECT_MOVEMENTS })
  @IsIn(DIRECT_MOVEMENTS)
  type: DirectMovement;

  @ApiProperty({ description: 'The item version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @IsText(100, { optional: true, example: 'Clinic' })
  toLocation?: string;

  @IsText(500, { optional: true, example: 'perishable food' })
  reason?: string;

  @IsText(200, { optional: true, example: 'Fiscalía General, Tapachula' })
  authority?: string;

  @IsText(100, { optional: true, example: 'FGR/TAP/2026/0042' })
  reference?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A seizure is witnessed by a second officer or manager of the centre (required for seized)',
  })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}
