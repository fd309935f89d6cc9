import { Column, Entity, Index } from 'typeorm';
import { StayEvidence } from './stay-evidence';

/** A scar, tattoo, birthmark or similar that helps recognise the person. */
@Entity('distinguishing_marks')
@Index('IDX_distinguishing_marks_person', ['personId'])
export class DistinguishingMark extends StayEvidence {
  @Column({ name: 'body_location', type: 'text' })
  bodyLocation: string;

  @Column({ type: 'text' })
  description: string;
}
