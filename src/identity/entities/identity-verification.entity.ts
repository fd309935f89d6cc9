import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Person } from '../../persons/entities/person.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { Checkpoint, VerificationResult } from '../verification-result';

/**
 * One check at a checkpoint that the person present is the person of the stay. `findings` keeps what the
 * server found (for example `wristband: OTHER_STAY`), never the presented values themselves.
 */
@Entity('identity_verifications')
@Index('IDX_identity_verifications_stay', ['stayId', 'checkpoint', 'verifiedAt'])
@Index('IDX_identity_verifications_person', ['personId'])
export class IdentityVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ type: 'enum', enum: Checkpoint, enumName: 'identity_checkpoint' })
  checkpoint: Checkpoint;

  @Column({ type: 'text', array: true })
  methods: string[];

  @Column({ type: 'jsonb' })
  findings: Record<string, unknown>;

  @Column({
    name: 'officer_assessment',
    type: 'enum',
    enum: VerificationResult,
    enumName: 'identity_verification_result',
    nullable: true,
  })
  officerAssessment: VerificationResult | null;

  @Column({ type: 'enum', enum: VerificationResult, enumName: 'identity_verification_result' })
  result: VerificationResult;

  @Column({ type: 'text', array: true })
  reasons: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'verified_by_id', type: 'uuid' })
  verifiedById: string;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt: Date;
}
