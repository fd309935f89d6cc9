import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { ClaimKind } from '../property.enums';
import { ReceiptCashLine } from './property-receipt.entity';

/** A loss or damage report recorded by a manager: the person receives its reference on the return receipt. */
@Entity('property_claims')
@Unique('UQ_property_claims_reference', ['reference'])
@Index('IDX_property_claims_stay', ['stayId'])
export class PropertyClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'enum', enum: ClaimKind, enumName: 'property_claim_kind' })
  kind: ClaimKind;

  /** The manager's report of what happened. */
  @Column({ type: 'text' })
  report: string;

  @Column({ name: 'item_ids', type: 'uuid', array: true, default: () => `'{}'` })
  itemIds: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  cash: ReceiptCashLine[];

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy: string;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}
