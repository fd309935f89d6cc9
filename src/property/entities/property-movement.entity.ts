import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { PropertyClaim } from './property-claim.entity';
import { PropertyItem } from './property-item.entity';
import { PropertyReceipt } from './property-receipt.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { ItemMovementType, ItemStatus } from '../property.enums';

/** Append-only history of an item (a trigger refuses UPDATE and DELETE). A mistake is reversed by a correction. */
@Entity('property_movements')
@Index('IDX_property_movements_stay', ['stayId'])
@Index('IDX_property_movements_item', ['itemId', 'occurredAt'])
@Index('UQ_property_movements_corrects', ['correctsMovementId'], {
  unique: true,
  where: 'corrects_movement_id IS NOT NULL',
})
export class PropertyMovement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @ManyToOne(() => PropertyItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: PropertyItem;

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

  @Column({ type: 'enum', enum: ItemMovementType, enumName: 'property_movement_type' })
  type: ItemMovementType;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: ItemStatus,
    enumName: 'property_movement_item_status',
    nullable: true,
  })
  fromStatus: ItemStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: ItemStatus, enumName: 'property_movement_item_status' })
  toStatus: ItemStatus;

  @Column({ name: 'from_location', type: 'text', nullable: true })
  fromLocation: string | null;

  @Column({ name: 'to_location', type: 'text' })
  toLocation: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  authority: string | null;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'authorised_by', type: 'uuid', nullable: true })
  authorisedBy: string | null;

  @Column({ name: 'witness_id', type: 'uuid', nullable: true })
  witnessId: string | null;

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

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;
}
