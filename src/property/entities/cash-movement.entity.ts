import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CashAccount } from './cash-account.entity';
import { Centre } from '../../centres/entities/centre.entity';
import { PropertyClaim } from './property-claim.entity';
import { PropertyReceipt } from './property-receipt.entity';
import { Stay } from '../../admissions/entities/stay.entity';
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
  witnessName?: string;
}

/** Append-only (trigger). amount_minor is the signed change; the account balance is the sum of these. */
@Entity('cash_movements')
@Index('IDX_cash_movements_stay', ['stayId'])
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

  @ManyToOne(() => CashAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: CashAccount;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

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

  @ManyToOne(() => PropertyClaim, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'claim_id' })
  claim?: PropertyClaim;

  @Column({ name: 'receipt_id', type: 'uuid', nullable: true })
  receiptId: string | null;

  @ManyToOne(() => PropertyReceipt, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'receipt_id' })
  receipt?: PropertyReceipt;

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
