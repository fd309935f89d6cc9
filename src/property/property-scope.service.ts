import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Stay, StayStatus } from '../admissions/entities/stay.entity';
import { StaysService } from '../admissions/stays.service';
import { Actor } from '../auth/actor';
import type { AuditEntry } from '../audit/audit.service';
import { Role } from '../auth/role.enum';
import { CentresService } from '../centres/centres.service';
import { Centre } from '../centres/entities/centre.entity';
import { ManagerAuthorisationRequired, RuleViolation } from '../common/errors/domain.exception';
import { UsersService } from '../users/users.service';
import { PersonAcknowledgementDto } from './dto/acknowledgement.dto';
import { PersonAcknowledgement } from './entities/cash-movement.entity';
import { formatClaimReference, formatReceiptNumber, numberingYear } from './rules/receipt-number';

export interface StayScope {
  stay: Stay;
  centre: Centre;
}

/**
 * What a write needs of the stay it changes: `active` (most writes), `open` (not RELEASED or TRANSFERRED, which
 * are read-only, so also an ABSCONDED or DECEASED stay whose belongings the centre still keeps), or `any`.
 */
export type StayRequirement = 'active' | 'open' | 'any';

const OFFICER_ROLES = [Role.IntakeOfficer, Role.CentreManager];

/** Shared by the property services: the stay in scope, witnesses, and gap-free numbering. */
@Injectable()
export class PropertyScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly centres: CentresService,
    private readonly users: UsersService,
  ) {}

  /** The stay and its centre if the caller may see it (else 404); read in `m` when given. */
  async requireStay(actor: Actor, stayId: string, m?: EntityManager): Promise<StayScope> {
    const stay = await this.stays.requireStay(actor, stayId, m); // the caller's scope is checked here
    // Read in `m` too: inside a transaction, a second pool connection must not be taken while one is held.
    return { stay, centre: (await this.centres.findById(stay.centreId, m))! };
  }

  /**
   * Locks the stay row for the transaction: property changes of one stay (intake, return, handover) are
   * serialised, so a release gate or a second officer never sees half of one. The centre comes from a
   * requireStay made before the transaction: nothing here takes a second pool connection while holding one.
   */
  async lockStay(
    actor: Actor,
    stayId: string,
    m: EntityManager,
    centre: Centre,
    requirement: StayRequirement = 'active',
  ): Promise<StayScope> {
    const stay = await this.stays.requireStayForUpdate(actor, stayId, m);
    if (requirement === 'active') this.stays.assertActive(stay);
    // RELEASED and TRANSFERRED answer 409 STAY_READ_ONLY.
    if (requirement === 'open') this.stays.assertWritable(stay);
    return { stay, centre };
  }

  findStay(stayId: string, m?: EntityManager): Promise<Stay | null> {
    return this.stays.findStay(stayId, m);
  }

  isExited(stay: Stay): boolean {
    return stay.status !== StayStatus.Active;
  }

  /**
   * The person's ACTIVE stay at any centre, with its centre, under this record or another merged with it as
   * one human (at most one: UQ_stays_one_active_per_person, UQ_stays_one_active_per_identity_group; the group is
   * the database's person_identity_group). StaysService looks stays up by one record; this spans the group.
   */
  activeStayOf(personId: string, m: EntityManager): Promise<Stay | null> {
    return m
      .getRepository(Stay)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.centre', 'c')
      .where('s.status = :active', { active: StayStatus.Active })
      .andWhere('s.person_id IN (SELECT person_identity_group(:personId::uuid))', { personId })
      .getOne();
  }

  /**
   * The frame of every write to a stay's property: the caller may see the stay (else 404), a named witness is a
   * colleague at the stay's centre, and `work` runs in one transaction with the stay row locked and meeting
   * `requirement` (ACTIVE unless said otherwise).
   */
  async inLockedStay<T>(
    actor: Actor,
    stayId: string,
    witnessId: string | undefined,
    work: (m: EntityManager, scope: StayScope, witnessName: string | null) => Promise<T>,
    requirement: StayRequirement = 'active',
  ): Promise<T> {
    const { centre } = await this.requireStay(actor, stayId);
    const witnessName = witnessId ? await this.assertWitness(actor, centre.id, witnessId) : null;
    return this.dataSource.transaction(async (m) =>
      work(m, await this.lockStay(actor, stayId, m, centre, requirement), witnessName),
    );
  }

  /**
   * A witness is another active officer or manager assigned to the centre, identified by user id. Answers the
   * witness's display name, which receipts print.
   */
  async assertWitness(
    actor: Actor,
    centreId: string,
    witnessId: string,
    field = 'witnessId',
  ): Promise<string> {
    const invalid = (message: string) =>
      new RuleViolation('WITNESS_INVALID', `The witness ${message}`, [{ field, message }]);
    if (witnessId === actor.id) throw invalid('must be a different user from the officer recording');
    const user = await this.users.get(witnessId).catch(() => null);
    if (!user || !user.active) throw invalid('is not an active user');
    const assigned = user.centres.some((c) => c.centreId === centreId);
    if (!assigned || !user.roles.some((r) => OFFICER_ROLES.includes(r))) {
      throw invalid('must be an intake officer or manager assigned to this centre');
    }
    return user.displayName;
  }

  /** Signature xor refusal-before-a-witness; returns the stored form. */
  async personAcknowledgement(
    actor: Actor,
    centreId: string,
    dto: PersonAcknowledgementDto,
    field = 'acknowledgement',
  ): Promise<PersonAcknowledgement> {
    if (dto.refusedToSign) {
      if (dto.signatureSha256) {
        throw new RuleViolation('ACKNOWLEDGEMENT_INVALID', 'A refusal to sign carries no signature', [
          { field: `${field}.signatureSha256`, message: 'must be absent when refusedToSign is true' },
        ]);
      }
      if (!dto.witnessId) {
        throw new RuleViolation('ACKNOWLEDGEMENT_INVALID', 'A refusal to sign needs a witness', [
          { field: `${field}.witnessId`, message: 'is required when refusedToSign is true' },
        ]);
      }
      const witnessName = await this.assertWitness(actor, centreId, dto.witnessId, `${field}.witnessId`);
      return { refusedToSign: true, witnessId: dto.witnessId, witnessName };
    }
    if (!dto.signatureSha256) {
      throw new RuleViolation('ACKNOWLEDGEMENT_INVALID', 'The person must sign or refuse before a witness', [
        { field: `${field}.signatureSha256`, message: 'is required unless refusedToSign is true' },
      ]);
    }
    if (dto.witnessId) {
      throw new RuleViolation('ACKNOWLEDGEMENT_INVALID', 'A witness is recorded only for a refusal', [
        { field: `${field}.witnessId`, message: 'must be absent when the person signs' },
      ]);
    }
    return { signatureSha256: dto.signatureSha256 };
  }

  /**
   * Next number of a series for the centre and year. The counter row is created or bumped in one statement and
   * stays locked until the caller's transaction ends: concurrent callers queue, a rollback leaves no gap.
   */
  async nextSeq(
    m: EntityManager,
    centreId: string,
    series: 'receipt' | 'claim',
    year: number,
  ): Promise<number> {
    const [row] = await m.query(
      `INSERT INTO property_counters (centre_id, year, series, last_seq) VALUES ($1, $2, $3, 1)
       ON CONFLICT (centre_id, year, series) DO UPDATE SET last_seq = property_counters.last_seq + 1
       RETURNING last_seq`,
      [centreId, year, series],
    );
    return row.last_seq as number;
  }

  async nextReceiptNumber(
    m: EntityManager,
    centre: Centre,
  ): Promise<{ number: string; year: number; seq: number }> {
    const year = numberingYear(centre.timeZone, new Date());
    const seq = await this.nextSeq(m, centre.id, 'receipt', year);
    return { number: formatReceiptNumber(centre.code, year, seq), year, seq };
  }

  async nextClaimReference(m: EntityManager, centre: Centre): Promise<string> {
    const year = numberingYear(centre.timeZone, new Date());
    return formatClaimReference(centre.code, year, await this.nextSeq(m, centre.id, 'claim', year));
  }

  /**
   * Managers authorise disposals, loss reports, discrepancy resolutions and corrections that take money out.
   * With `refusal`, an attempt by anyone else is recorded on the audit trail as denied.
   */
  assertManager(actor: Actor, what: string, refusal?: Omit<AuditEntry, 'outcome'>): void {
    if (actor.roles.includes(Role.CentreManager)) return;
    const error = new ManagerAuthorisationRequired(what);
    throw refusal ? error.audited(refusal) : error;
  }
}
