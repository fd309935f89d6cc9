import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { PropertyBag } from './property-bag.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { DiscrepancyKind, DiscrepancyOutcome } from '../property.enums';

/** A seal at arrival that does not match what the sending centre handed over; open until resolved on record. */
@Entity('property_seal_discrepancies')
@Check(
  'CHK_property_seal_discrepancies_resolution',
  `(resolved_at IS NULL) = (resolution IS NULL) AND (resolved_at IS NULL) = (resolved_by IS NULL)`,
)
@Check(
  'CHK_property_seal_discrepancies_outcome',
  `outcome IS NULL OR (resolved_at IS NOT NULL AND kind = 'missing_seal')`,
)
@Index('IDX_property_seal_discrepancies_stay', ['stayId'])
export class SealDiscrepancy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  /** The receiving stay. */
  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ type: 'enum', enum: DiscrepancyKind, enumName: 'property_discrepancy_kind' })
  kind: DiscrepancyKind;

  @Column({ name: 'seal_number', type: 'text' })
  sealNumber: string;

  /** For a missing seal: the bag handed over by the sending centre. */
  @Column({ name: 'bag_id', type: 'uuid', nullable: true })
  bagId: string | null;

  @ManyToOne(() => PropertyBag, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'bag_id' })
  bag?: PropertyBag;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  /**
   * How a missing seal was settled: `found` (taken in on a receipt) or `lost` (a claim on this stay). Null while
   * open, for an unknown seal, and for a missing one resolved with words alone before outcomes existed.
   */
  @Column({
    type: 'enum',
    enum: DiscrepancyOutcome,
    enumName: 'property_discrepancy_outcome',
    nullable: true,
  })
  outcome: DiscrepancyOutcome | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
