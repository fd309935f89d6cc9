import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { PropertyBag } from './property-bag.entity';
import { PropertyClaim } from './property-claim.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { ItemCategory, ItemStatus } from '../property.enums';
import { bigintAsNumber } from './bigint.transformer';

/** One belonging held for a stay. Its history is in property_movements; nothing is ever deleted. */
@Entity('property_items')
@Check('CHK_property_items_quantity', `quantity BETWEEN 1 AND 10000`)
@Check(
  'CHK_property_items_value',
  `(estimated_value_minor IS NULL) = (value_currency IS NULL) AND (estimated_value_minor IS NULL OR estimated_value_minor >= 0)`,
)
@Check('CHK_property_items_valuable_witness', `NOT valuable OR intake_witness_id IS NOT NULL`)
@Check(
  'CHK_property_items_seized',
  `status <> 'seized' OR (seized_authority IS NOT NULL AND seized_reference IS NOT NULL)`,
)
@Check(
  'CHK_property_items_disposed',
  `status <> 'disposed' OR (disposal_authorised_by IS NOT NULL AND disposal_reason IS NOT NULL)`,
)
@Check('CHK_property_items_lost', `status <> 'lost' OR claim_id IS NOT NULL`)
@Index('IDX_property_items_stay', ['stayId'])
// An item handed over by a transfer is received at most once.
@Index('UQ_property_items_transferred_from', ['transferredFromItemId'], {
  unique: true,
  where: 'transferred_from_item_id IS NOT NULL',
})
export class PropertyItem {
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

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'enum', enum: ItemCategory, enumName: 'property_item_category' })
  category: ItemCategory;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'text' })
  condition: string;

  /** Serial number or IMEI; for identity documents, the document number. Never written to logs or audit. */
  @Column({ name: 'serial_number', type: 'text', nullable: true })
  serialNumber: string | null;

  @Column({ name: 'estimated_value_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  estimatedValueMinor: number | null;

  @Column({ name: 'value_currency', type: 'char', length: 3, nullable: true })
  valueCurrency: string | null;

  /** Reference to a stored photo (e.g. its SHA-256 or object key). */
  @Column({ name: 'photo_ref', type: 'text', nullable: true })
  photoRef: string | null;

  @Column({ name: 'storage_location', type: 'text' })
  storageLocation: string;

  @Column({ name: 'bag_id', type: 'uuid', nullable: true })
  bagId: string | null;

  @ManyToOne(() => PropertyBag, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'bag_id' })
  bag?: PropertyBag;

  @Column({ type: 'enum', enum: ItemStatus, enumName: 'property_item_status', default: ItemStatus.Held })
  status: ItemStatus;

  /** Valuables need a second officer as witness at intake and at return. */
  @Column({ type: 'boolean', default: false })
  valuable: boolean;

  @Column({ name: 'intake_witness_id', type: 'uuid', nullable: true })
  intakeWitnessId: string | null;

  @Column({ name: 'return_witness_id', type: 'uuid', nullable: true })
  returnWitnessId: string | null;

  @Column({ name: 'seized_authority', type: 'text', nullable: true })
  seizedAuthority: string | null;

  @Column({ name: 'seized_reference', type: 'text', nullable: true })
  seizedReference: string | null;

  @Column({ name: 'disposal_authorised_by', type: 'uuid', nullable: true })
  disposalAuthorisedBy: string | null;

  @Column({ name: 'disposal_reason', type: 'text', nullable: true })
  disposalReason: string | null;

  @Column({ name: 'claim_id', type: 'uuid', nullable: true })
  claimId: string | null;

  @ManyToOne(() => PropertyClaim, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'claim_id' })
  claim?: PropertyClaim;

  /** At a receiving centre: the item handed over by the sending centre. */
  @Column({ name: 'transferred_from_item_id', type: 'uuid', nullable: true })
  transferredFromItemId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
