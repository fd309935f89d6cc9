import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Stay } from '../../admissions/entities/stay.entity';

/** A notice sent to the forwarding address about belongings left after exit. */
@Entity('property_unclaimed_notices')
@Index('IDX_property_unclaimed_notices_stay', ['stayId'])
export class UnclaimedNotice {
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

  @Column({ name: 'forwarding_address', type: 'text' })
  forwardingAddress: string;

  /** How it was sent (post, email, consulate...). */
  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
