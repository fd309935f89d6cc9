import {
  Check,
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
import { Centre } from '../../centres/entities/centre.entity';
import { Person } from '../../persons/entities/person.entity';

export enum StayStatus {
  Active = 'ACTIVE',
  Released = 'RELEASED',
  Transferred = 'TRANSFERRED',
  Absconded = 'ABSCONDED',
  Deceased = 'DECEASED',
}

/** Where a released person goes; some gates depend on it (a child with an open referral, repatriation). */
export enum ReleaseDestination {
  Repatriation = 'REPATRIATION',
  ChildProtectionAuthority = 'CHILD_PROTECTION_AUTHORITY',
  Family = 'FAMILY',
  AsylumProcedure = 'ASYLUM_PROCEDURE',
  Other = 'OTHER',
}

/**
 * The name a violation of "one ACTIVE stay per human, across records merged as one" carries: raised by the
 * trigger on stays (migration OneActiveStayPerIdentityGroup), its detail the other ACTIVE stay's id.
 */
export const ONE_ACTIVE_STAY_PER_IDENTITY_GROUP = 'UQ_stays_one_active_per_identity_group';

/** One continuous period of one person in one centre, from admission to exit. */
@Entity('stays')
// A person has at most one ACTIVE stay anywhere: the database enforces it, not only the code.
@Index('UQ_stays_one_active_per_person', ['personId'], { unique: true, where: `status = 'ACTIVE'` })
@Index('IDX_stays_person', ['personId'])
@Index('IDX_stays_centre_status', ['centreId', 'status'])
@Index('IDX_stays_group', ['groupId'])
@Check('CHK_stays_exit', `(status = 'ACTIVE') = (exited_at IS NULL)`)
@Check(
  'CHK_stays_exit_recorded',
  `(exited_at IS NULL) = (exit_recorded_at IS NULL) AND exit_recorded_at >= exited_at`,
)
@Check('CHK_stays_relationship', `(accompanied_by_stay_id IS NULL) = (relationship_to_accompanying IS NULL)`)
@Check('CHK_stays_not_self_accompanied', `accompanied_by_stay_id IS DISTINCT FROM id`)
export class Stay {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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

  @Column({ type: 'enum', enum: StayStatus, enumName: 'stay_status', default: StayStatus.Active })
  status: StayStatus;

  @Column({ name: 'admitted_at', type: 'timestamptz' })
  admittedAt: Date;

  @Column({ name: 'admitted_by_id', type: 'uuid', nullable: true })
  admittedById: string | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ name: 'arrival_place', type: 'text', nullable: true })
  arrivalPlace: string | null;

  @Column({ name: 'brought_by', type: 'text', nullable: true })
  broughtBy: string | null;

  /** People admitted together (a family, a group found together) share a group id. */
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  /** For a child: the stay of the accompanying adult, with the relationship. */
  @Column({ name: 'accompanied_by_stay_id', type: 'uuid', nullable: true })
  accompaniedByStayId: string | null;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accompanied_by_stay_id' })
  accompaniedBy?: Stay;

  @Column({ name: 'relationship_to_accompanying', type: 'text', nullable: true })
  relationshipToAccompanying: string | null;

  /** The person says they are under 18, whatever the date of birth on record says. */
  @Column({ name: 'claimed_child', type: 'boolean', default: false })
  claimedChild: boolean;

  /** A child admitted without an accompanying adult. */
  @Column({ type: 'boolean', default: false })
  unaccompanied: boolean;

  /** The legal basis for holding the person. */
  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis: string | null;

  @Column({ name: 'accommodation_unit', type: 'text', nullable: true })
  accommodationUnit: string | null;

  @Column({ name: 'medical_screening_due_at', type: 'timestamptz' })
  medicalScreeningDueAt: Date;

  @Column({ name: 'medical_screening_done_at', type: 'timestamptz', nullable: true })
  medicalScreeningDoneAt: Date | null;

  @Column({ name: 'medical_screening_done_by_id', type: 'uuid', nullable: true })
  medicalScreeningDoneById: string | null;

  /** When the stay ended, as the centre reports it (an absconding may be found out hours later). */
  @Column({ name: 'exited_at', type: 'timestamptz', nullable: true })
  exitedAt: Date | null;

  /**
   * When the end was recorded: set by the database when exitedAt is first set (trigger stays_exit_recorded,
   * migration StayExitRecordedAt), never before exitedAt and never moved earlier. Deadlines that run from the
   * end of a stay (belongings left behind) run from here, so an earlier exitedAt cannot shorten them.
   */
  @Column({
    name: 'exit_recorded_at',
    type: 'timestamptz',
    nullable: true,
    insert: false,
    update: false,
  })
  exitRecordedAt: Date | null;

  @Column({
    name: 'release_to',
    type: 'enum',
    enum: ReleaseDestination,
    enumName: 'release_destination',
    nullable: true,
  })
  releaseTo: ReleaseDestination | null;

  /** The legal basis for the exit (release order, transfer order). */
  @Column({ name: 'exit_legal_basis', type: 'text', nullable: true })
  exitLegalBasis: string | null;

  @Column({ name: 'exit_authorised_by_id', type: 'uuid', nullable: true })
  exitAuthorisedById: string | null;

  /** The manager's report for ABSCONDED or DECEASED. */
  @Column({ name: 'exit_report', type: 'text', nullable: true })
  exitReport: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
