import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CashMovementType } from '../property.enums';
import { DenominationCount } from '../rules/money';
import { bigintAsNumber } from './bigint.transformer';

/** How the person acknowledged a deposit, withdrawal or receipt. */
export interface PersonAcknowledgement {
  /** SHA-256 (hex) of the captured signature image, kept by reference. */
  signatureSha256?: string;
  refusedToSign?: boolean;
  /** The officer who witnessed the refusal. */
  witnessId?: string;
}

/** Append-only (trigger). amount_minor is the signed change; the account balance is the sum of these. */
@Entity('cash_movements')
@Check('CHK_cash_movements_amount', `amount_minor <> 0`)
@Check('CHK_cash_movements_balance_after', `balance_after_minor >= 0`)
@Index('IDX_cash_movements_account', ['accountId', 'occurredAt'])
// A movement is corrected at most once, and a handover is credited at the receiving centre at most once.
@Index('UQ_cash_movements_corrects', ['correctsMovementId'], {
  unique: true,
  where: 'corrects_movement_id IS NOT NULL',
})
@Index('UQ_cash_movements_transferred_from', ['transferredFromMovementId'], {
  unique: true,
  where: 'transferred_from_movement_id IS NOT NULL',
})
export class CashMovement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @Column({ type: 'enum', enum: CashMovementType, enumName: 'cash_movement_type' })
  type: CashMovementType;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintAsNumber })
  amountMinor: number;

  @Column({ name: 'balance_after_minor', type: 'bigint', transformer: bigintAsNumber })
  balanceAfterMinor: number;

  @Column({ type: 'jsonb', nullable: true })
  denominations: DenominationCount[] | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'jsonb', nullable: true })
  acknowledgement: PersonAcknowledgement | null;

  @Column({ name: 'authorised_by', type: 'uuid', nullable: true })
  authorisedBy: string | null;

  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ name: 'receipt_id', type: 'uuid', nullable: true })
  receiptId: string | null;

  @Column({ name: 'corrects_movement_id', type: 'uuid', nullable: true })
  correctsMovementId: string | null;

  /** At a receiving centre: the sending centre's handover movement this arrival credits (once). */
  @Column({ name: 'transferred_from_movement_id', type: 'uuid', nullable: true })
  transferredFromMovementId: string | null;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;
}
