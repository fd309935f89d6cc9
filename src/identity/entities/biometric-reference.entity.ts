import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Person } from '../../persons/entities/person.entity';
import { Stay } from '../../admissions/entities/stay.entity';

/** A reference to a template held by an external fingerprint system: never the fingerprint itself. */
@Entity('biometric_references')
@Index('IDX_biometric_references_person', ['personId'])
@Index('UQ_biometric_references_template', ['personId', 'system', 'templateId'], { unique: true })
@Check('CHK_biometric_references_quality', `quality BETWEEN 0 AND 100`)
export class BiometricReference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ type: 'text' })
  system: string;

  @Column({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ type: 'int' })
  quality: number;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
