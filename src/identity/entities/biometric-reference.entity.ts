import { Check, Column, Entity, Index } from 'typeorm';
import { StayEvidence } from './stay-evidence';

/** A reference to a template held by an external fingerprint system: never the fingerprint itself. */
@Entity('biometric_references')
@Index('IDX_biometric_references_person', ['personId'])
@Index('UQ_biometric_references_template', ['personId', 'system', 'templateId'], { unique: true })
@Check('CHK_biometric_references_quality', `quality BETWEEN 0 AND 100`)
export class BiometricReference extends StayEvidence {
  @Column({ type: 'text' })
  system: string;

  @Column({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ type: 'int' })
  quality: number;
}
