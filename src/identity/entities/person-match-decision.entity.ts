import { Check, Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Person } from '../../persons/entities/person.entity';

export enum MatchDecision {
  Confirmed = 'confirmed',
  Rejected = 'rejected',
}

/**
 * An officer's decision on a candidate pair. Stored with the lower id first so a pair has one row; a rejected
 * pair is not proposed again.
 */
@Entity('person_match_decisions')
@Index('UQ_person_match_decisions_pair', ['personLowId', 'personHighId'], { unique: true })
@Check('CHK_person_match_decisions_order', `person_low_id < person_high_id`)
export class PersonMatchDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_low_id', type: 'uuid' })
  personLowId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_low_id' })
  personLow?: Person;

  @Column({ name: 'person_high_id', type: 'uuid' })
  personHighId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_high_id' })
  personHigh?: Person;

  @Column({ type: 'enum', enum: MatchDecision, enumName: 'person_match_decision' })
  decision: MatchDecision;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by_id', type: 'uuid' })
  decidedById: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
