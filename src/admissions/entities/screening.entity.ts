import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Placement, RiskIndicator, TraffickingIndicator, Vulnerability } from '../attention-decision';
import { Stay } from './stay.entity';

const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[]`;

/**
 * One version of the reception screening of a stay. An amendment adds a new version and retires the previous
 * one, so the history is never rewritten; exactly one version per stay is current.
 */
@Entity('screenings')
@Index('UQ_screenings_stay_sequence', ['stayId', 'sequence'], { unique: true })
@Index('UQ_screenings_one_current_per_stay', ['stayId'], { unique: true, where: 'current' })
@Check('CHK_screenings_vulnerabilities', `vulnerabilities <@ ${list(Object.values(Vulnerability))}`)
@Check('CHK_screenings_risk_indicators', `risk_indicators <@ ${list(Object.values(RiskIndicator))}`)
@Check(
  'CHK_screenings_trafficking_indicators',
  `trafficking_indicators <@ ${list(Object.values(TraffickingIndicator))}`,
)
@Check('CHK_screenings_override', `(override_reason IS NULL) = (override_by_id IS NULL)`)
// The rule of attention-decision.ts, also as a constraint: a child in an adult regime only on an override.
@Check(
  'CHK_screenings_child_not_detained',
  `NOT child OR placement NOT IN ('custody', 'detention') OR override_reason IS NOT NULL`,
)
// ...and an override only where it placed a child there (a withdrawn claim's reason has columns of its own).
@Check(
  'CHK_screenings_override_places_child',
  `override_reason IS NULL OR (child AND placement IN ('custody', 'detention'))`,
)
@Check(
  'CHK_screenings_claim_withdrawal',
  `(claim_withdrawal_reason IS NULL) = (claim_withdrawn_by_id IS NULL)`,
)
export class Screening {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  /** 1 for the first screening, then 2, 3... for each amendment. */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ name: 'interviewed_at', type: 'timestamptz' })
  interviewedAt: Date;

  @Column({ name: 'interviewer_id', type: 'uuid' })
  interviewerId: string;

  @Column({ name: 'interpreter_language', type: 'text', nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  vulnerabilities: Vulnerability[];

  @Column({ name: 'risk_indicators', type: 'text', array: true, default: () => `'{}'` })
  riskIndicators: RiskIndicator[];

  @Column({ name: 'asylum_intent', type: 'boolean', default: false })
  asylumIntent: boolean;

  @Column({ name: 'trafficking_indicators', type: 'text', array: true, default: () => `'{}'` })
  traffickingIndicators: TraffickingIndicator[];

  @Column({ name: 'consular_assistance_requested', type: 'boolean', default: false })
  consularAssistanceRequested: boolean;

  @Column({ name: 'claimed_child', type: 'boolean', default: false })
  claimedChild: boolean;

  @Column({ name: 'age_at_screening', type: 'int', nullable: true })
  ageAtScreening: number | null;

  @Column({ type: 'boolean' })
  child: boolean;

  @Column({
    name: 'requested_placement',
    type: 'enum',
    enum: Placement,
    enumName: 'attention_placement',
    nullable: true,
  })
  requestedPlacement: Placement | null;

  /** The attention decision. */
  @Column({ type: 'enum', enum: Placement, enumName: 'attention_placement' })
  placement: Placement;

  /** A centre manager's written reason for placing a (claimed) child in custody or detention (age dispute). */
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ name: 'override_by_id', type: 'uuid', nullable: true })
  overrideById: string | null;

  /** A centre manager's written reason for withdrawing a recorded claim to be a child, at this version. */
  @Column({ name: 'claim_withdrawal_reason', type: 'text', nullable: true })
  claimWithdrawalReason: string | null;

  @Column({ name: 'claim_withdrawn_by_id', type: 'uuid', nullable: true })
  claimWithdrawnById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
