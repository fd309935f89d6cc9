import {
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
import { ReferralType } from '../attention-decision';
import { Stay } from './stay.entity';

export enum ReferralStatus {
  Pending = 'PENDING',
  Sent = 'SENT',
  Accepted = 'ACCEPTED',
  Declined = 'DECLINED',
}

/** A referral of the person to an authority or service, raised by a screening indicator. One per type per stay. */
@Entity('referrals')
@Index('UQ_referrals_stay_type', ['stayId', 'type'], { unique: true })
@Index('IDX_referrals_centre_status', ['centreId', 'status'])
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @Column({ type: 'enum', enum: ReferralType, enumName: 'referral_type' })
  type: ReferralType;

  @Column({
    type: 'enum',
    enum: ReferralStatus,
    enumName: 'referral_status',
    default: ReferralStatus.Pending,
  })
  status: ReferralStatus;

  /** The indicators that raised the referral (CHILD, ASYLUM_INTENT, PREGNANT_WOMAN...). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  reasons: string[];

  @Column({ name: 'screening_id', type: 'uuid', nullable: true })
  screeningId: string | null;

  /** Non-clinical note on the last status change (reference number, who was contacted). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @Column({ name: 'status_changed_by_id', type: 'uuid', nullable: true })
  statusChangedById: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
