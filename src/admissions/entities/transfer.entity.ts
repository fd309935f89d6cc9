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
import { Stay } from './stay.entity';

export enum TransferStatus {
  Pending = 'PENDING',
  Accepted = 'ACCEPTED',
  Rejected = 'REJECTED',
  Cancelled = 'CANCELLED',
}

/**
 * A transfer of a stay to another centre. While PENDING the stay stays ACTIVE where it is; the receiving
 * centre's acceptance closes it as TRANSFERRED and opens the new ACTIVE stay, in one transaction.
 */
@Entity('transfers')
@Index('UQ_transfers_one_pending_per_stay', ['stayId'], { unique: true, where: `status = 'PENDING'` })
@Index('IDX_transfers_stay', ['stayId'])
@Index('IDX_transfers_to_centre_status', ['toCentreId', 'status'])
@Check('CHK_transfers_other_centre', `from_centre_id <> to_centre_id`)
@Check('CHK_transfers_new_stay', `(status = 'ACCEPTED') = (new_stay_id IS NOT NULL)`)
export class Transfer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'from_centre_id', type: 'uuid' })
  fromCentreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_centre_id' })
  fromCentre?: Centre;

  @Column({ name: 'to_centre_id', type: 'uuid' })
  toCentreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_centre_id' })
  toCentre?: Centre;

  @Column({
    type: 'enum',
    enum: TransferStatus,
    enumName: 'transfer_status',
    default: TransferStatus.Pending,
  })
  status: TransferStatus;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  @Column({ name: 'authorised_by_id', type: 'uuid' })
  authorisedById: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'new_stay_id', type: 'uuid', nullable: true })
  newStayId: string | null;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'new_stay_id' })
  newStay?: Stay;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
