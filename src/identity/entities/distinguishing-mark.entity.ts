import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A scar, tattoo, birthmark or similar that helps recognise the person. */
@Entity('distinguishing_marks')
@Index('IDX_distinguishing_marks_person', ['personId'])
export class DistinguishingMark {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @Column({ name: 'body_location', type: 'text' })
  bodyLocation: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
