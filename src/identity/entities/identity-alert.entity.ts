import {
  Check,
  Column,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  VersionColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { IdentityVerification } from './identity-verification.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { Checkpoint } from '../verification-result';

export enum IdentityAlertStatus {
  Open = 'open',
  Acknowledged = 'acknowledged',
}

/** Incident-grade: a MISMATCH at release or transfer, for the centre's managers to look at now. */
@Entity('identity_alerts')
@Index('IDX_identity_alerts_centre_status', ['centreId', 'status', 'raisedAt'])
@Check(
  'CHK_identity_alerts_ack',
  `(status = 'acknowledged') = (acknowledged_at IS NOT NULL AND acknowledged_by_id IS NOT NULL)`,
)
export class IdentityAlert {
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

  @Column({ name: 'verification_id', type: 'uuid', unique: true })
  verificationId: string;

  @ManyToOne(() => IdentityVerification, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'verification_id' })
  verification?: IdentityVerification;

  @Column({ type: 'enum', enum: Checkpoint, enumName: 'identity_checkpoint' })
  checkpoint: Checkpoint;

  @Column({ type: 'text', array: true })
  reasons: string[];

  @Column({
    type: 'enum',
    enum: IdentityAlertStatus,
    enumName: 'identity_alert_status',
    default: IdentityAlertStatus.Open,
  })
  status: IdentityAlertStatus;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'raised_by_id', type: 'uuid' })
  raisedById: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by_id', type: 'uuid', nullable: true })
  acknowledgedById: string | null;

  @Column({ name: 'acknowledgement_note', type: 'text', nullable: true })
  acknowledgementNote: string | null;

  @VersionColumn()
  version: number;
}
