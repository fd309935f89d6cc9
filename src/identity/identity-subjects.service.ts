import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StaysService } from '../admissions/stays.service';
import { TransfersService } from '../admissions/transfers.service';
import { Actor, canSeeCentre, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { NotFoundInScope, RuleViolation } from '../common/errors/domain.exception';
import { Person } from '../persons/entities/person.entity';
import { PersonsService } from '../persons/persons.service';
import { PersonSubject, StaySubject } from './identity-subjects.types';
import { Checkpoint } from './verification-result';
import { STOP_WORDS } from './rules/name-similarity';

// A merge link in force: now ($2 null), or at the time $2 (merged by then, not yet unmerged).
const LINK_AS_OF = `($2::timestamptz IS NULL AND pm.unmerged_at IS NULL
   OR pm.merged_at <= $2 AND (pm.unmerged_at IS NULL OR pm.unmerged_at > $2))`;

const toPersonSubject = (p: Person): PersonSubject => ({
  id: p.id,
  fullName: `${p.givenNames} ${p.familyNames}`.trim(),
  dateOfBirth: p.dateOfBirth,
  dateOfBirthApproximate: p.dateOfBirthEstimated,
  nationalities: p.nationalities.map((n) => n.trim()),
});

/**
 * The identity module's view of stays and persons, through the admission and persons modules' services, plus
 * the identity group: a person and every record confirmed (merged) to be the same human being.
 */
@Injectable()
export class IdentitySubjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly persons: PersonsService,
    private readonly transfers: TransfersService,
  ) {}

  async requireStay(actor: Actor, stayId: string, m?: EntityManager): Promise<StaySubject> {
    const stay = await this.stays.requireStay(actor, stayId, m);
    return { id: stay.id, personId: stay.personId, centreId: stay.centreId, status: stay.status };
  }

  /** For evidence writes: a RELEASED or TRANSFERRED stay is read-only (409, as the admission module says). */
  async requireWritableStay(actor: Actor, stayId: string): Promise<StaySubject> {
    const stay = await this.stays.requireStay(actor, stayId);
    this.stays.assertWritable(stay);
    return { id: stay.id, personId: stay.personId, centreId: stay.centreId, status: stay.status };
  }

  /** For wristbands and verifications: only an ACTIVE stay (409 otherwise, as the admission module says). */
  async requireActiveStay(actor: Actor, stayId: string): Promise<StaySubject> {
    const stay = await this.stays.requireStay(actor, stayId);
    this.stays.assertActive(stay);
    return { id: stay.id, personId: stay.personId, centreId: stay.centreId, status: stay.status };
  }

  /**
   * The stay to verify at a checkpoint, and the centre on whose behalf the check is made. At TRANSFER_IN the
   * receiving centre's staff verify a stay that is still the sending centre's: allowed while a transfer of
   * that stay to one of their centres is pending; the check (and any alert) then belongs to the receiving
   * centre. While a transfer is pending nobody else checks the stay at TRANSFER_IN (422
   * TRANSFER_IN_NOT_RECEIVING_CENTRE): the sending centre cannot vouch for the arrival in the receiving
   * centre's place. Without a pending transfer, TRANSFER_IN is the arrival check on the stay a transfer opened,
   * made by that stay's own centre.
   */
  async requireStayAtCheckpoint(
    actor: Actor,
    stayId: string,
    checkpoint: Checkpoint,
  ): Promise<{ stay: StaySubject; centreId: string }> {
    if (checkpoint !== Checkpoint.TransferIn) {
      const stay = await this.requireActiveStay(actor, stayId);
      return { stay, centreId: stay.centreId };
    }
    const receiving = await this.transfers.receivingCentreOf(stayId);
    if (receiving && actor.centreIds.includes(receiving)) {
      // Also for a caller assigned to both centres: the check is the receiving centre's.
      const found = await this.stays.findStay(stayId);
      if (!found) throw new NotFoundInScope('Stay');
      this.stays.assertActive(found);
      const stay = { id: found.id, personId: found.personId, centreId: found.centreId, status: found.status };
      return { stay, centreId: receiving };
    }
    const stay = await this.requireActiveStay(actor, stayId); // 404 outside the caller's centres
    if (receiving) {
      throw new RuleViolation(
        'TRANSFER_IN_NOT_RECEIVING_CENTRE',
        'While the stay is being transferred, only staff of the receiving centre verify it at TRANSFER_IN',
        [
          {
            field: 'checkpoint',
            message:
              'TRANSFER_IN is checked by staff assigned to the receiving centre of the pending transfer',
          },
        ],
      );
    }
    return { stay, centreId: stay.centreId };
  }

  /** The stay, for reading its evidence: its own centre's staff, or the receiving centre of its transfer. */
  async requireStayOrIncoming(actor: Actor, stayId: string): Promise<StaySubject> {
    if (await this.incomingCentre(actor, stayId)) {
      const found = (await this.stays.findStay(stayId))!;
      return { id: found.id, personId: found.personId, centreId: found.centreId, status: found.status };
    }
    return this.requireStay(actor, stayId);
  }

  /**
   * True when one of the stays of the person (or of a record merged with it) is being transferred to one of
   * the caller's centres.
   */
  async isIncomingPerson(actor: Actor, personId: string): Promise<boolean> {
    for (const stay of await this.stays.findByPersons(await this.identityGroup(personId))) {
      const to = await this.transfers.receivingCentreOf(stay.id);
      if (to && actor.centreIds.includes(to)) return true;
    }
    return false;
  }

  /** The caller's centre receiving a pending transfer of this stay, when the caller cannot see the stay itself. */
  private async incomingCentre(actor: Actor, stayId: string): Promise<string | null> {
    const stay = await this.stays.findStay(stayId);
    if (!stay || canSeeCentre(actor, stay.centreId)) return null;
    const to = await this.transfers.receivingCentreOf(stayId);
    return to && actor.centreIds.includes(to) ? to : null;
  }

  /** True when `stayId` is the stay that the accepted transfer of `fromStayId` opened at the receiving centre. */
  async transferredInto(fromStayId: string, stayId: string, m: EntityManager): Promise<boolean> {
    return (await this.transfers.latestOf(m, fromStayId))?.newStayId === stayId;
  }

  /** Locks the stay row until the caller's transaction ends. */
  async lockStay(actor: Actor, stayId: string, m: EntityManager): Promise<void> {
    await this.stays.requireStayForUpdate(actor, stayId, m);
  }

  canSeeCentre(actor: Actor, centreId: string): boolean {
    return canSeeCentre(actor, centreId);
  }

  async requirePerson(personId: string, m?: EntityManager): Promise<PersonSubject> {
    const person = await this.persons.findById(personId, m);
    if (!person) throw new NotFoundInScope('Person');
    return toPersonSubject(person);
  }

  /** A person is visible to whoever may see a centre where the person (or a record merged with it) stayed. */
  async requirePersonVisible(actor: Actor, personId: string): Promise<PersonSubject> {
    const person = await this.persons.findById(personId);
    if (!person) throw new NotFoundInScope('Person');
    if (!hasRole(actor, Role.Admin)) {
      const centres = await this.centresOfGroup(personId);
      if (!centres.some((c) => actor.centreIds.includes(c))) throw new NotFoundInScope('Person');
    }
    return toPersonSubject(person);
  }

  /** Centres where this one person record has stays. */
  async centresOfPerson(personId: string, m?: EntityManager): Promise<string[]> {
    const stays = await this.stays.findByPersons([personId], m);
    return [...new Set(stays.map((s) => s.centreId))];
  }

  async centresOfGroup(personId: string, m?: EntityManager): Promise<string[]> {
    const group = await this.identityGroup(await this.rootOf(personId, m), m);
    const stays = await this.stays.findByPersons(group, m);
    return [...new Set(stays.map((s) => s.centreId))];
  }

  async staysOfPersons(personIds: string[], m?: EntityManager): Promise<StaySubject[]> {
    const stays = await this.stays.findByPersons(personIds, m);
    return stays.map((s) => ({ id: s.id, personId: s.personId, centreId: s.centreId, status: s.status }));
  }

  /**
   * People born within a year of `dateOfBirth`, sharing at least one nationality and a word of the name (one
   * typo allowed): the fuzzy-match pre-filter, a superset of what namesAlike accepts.
   */
  async personsAlikeBornNear(
    fullName: string,
    dateOfBirth: string,
    nationalities: string[],
  ): Promise<PersonSubject[]> {
    const found = await this.persons.findAlikeBornNear(dateOfBirth, 366, nationalities, fullName, [
      ...STOP_WORDS,
    ]);
    return found.map(toPersonSubject);
  }

  /**
   * The record a person was merged into (following merges of merges), or the person itself: now, or as the
   * merges stood at `asOf` (merged by then and not yet unmerged).
   */
  async rootOf(
    personId: string,
    m: EntityManager = this.dataSource.manager,
    asOf: Date | null = null,
  ): Promise<string> {
    const rows: { survivor_person_id: string }[] = await m.query(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT pm.survivor_person_id, up.depth + 1
           FROM person_merges pm JOIN up ON pm.merged_person_id = up.id
          WHERE ${LINK_AS_OF} AND up.depth < 50)
       SELECT id AS survivor_person_id FROM up ORDER BY depth DESC LIMIT 1`,
      [personId, asOf],
    );
    return rows[0]?.survivor_person_id ?? personId;
  }

  /** The person and every record merged into it, directly or through another merged record (at `asOf`). */
  async identityGroup(
    personId: string,
    m: EntityManager = this.dataSource.manager,
    asOf: Date | null = null,
  ): Promise<string[]> {
    const root = await this.rootOf(personId, m, asOf);
    const rows: { id: string }[] = await m.query(
      `WITH RECURSIVE down(id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT pm.merged_person_id, down.depth + 1
           FROM person_merges pm JOIN down ON pm.survivor_person_id = down.id
          WHERE ${LINK_AS_OF} AND down.depth < 50)
       SELECT DISTINCT id FROM down`,
      [root, asOf],
    );
    return rows.map((r) => r.id);
  }

  /**
   * When the person's identity group last changed (at `asOf` or before): the latest merge or unmerge that
   * linked or unlinked one of its records. Checks made before it were made against other evidence than the
   * person's now, so they no longer count.
   */
  async groupChangedAt(
    personId: string,
    m: EntityManager = this.dataSource.manager,
    asOf: Date | null = null,
  ): Promise<Date | null> {
    const group = await this.identityGroup(personId, m, asOf);
    const rows: { at: Date | null }[] = await m.query(
      `SELECT max(e.at) AS at
         FROM person_merges pm
        CROSS JOIN LATERAL (VALUES (pm.merged_at), (pm.unmerged_at)) AS e(at)
        WHERE (pm.survivor_person_id = ANY($1::uuid[]) OR pm.merged_person_id = ANY($1::uuid[]))
          AND ($2::timestamptz IS NULL OR e.at <= $2)`,
      [group, asOf],
    );
    return rows[0]?.at ?? null;
  }
}
