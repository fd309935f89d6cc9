import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ItemMovementType, ItemStatus } from '../property.enums';

/** Append-only history of an item (a trigger refuses UPDATE and DELETE). A mistake is reversed by a correction. */
@Entity('property_movements')
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

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @Column({ type: 'enum', enum: ItemMovementType, enumName: 'property_movement_type' })
  type: ItemMovementType;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: ItemStatus,
    enumName: 'property_item_status',
    nullable: true,
  })
  fromStatus: ItemStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: ItemStatus, enumName: 'property_item_status' })
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

  @Column({ name: 'receipt_id', type: 'uuid', nullable: true })
  receiptId: string | null;

  @Column({ name: 'corrects_movement_id', type: 'uuid', nullable: true })
  correctsMovementId: string | null;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;
}
