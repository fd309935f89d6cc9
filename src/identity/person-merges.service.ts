import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import {
  Conflict,
  ManagerAuthorisationRequired,
  NotFoundInScope,
  RuleViolation,
} from '../common/errors/domain.exception';
import { PersonsService } from '../persons/persons.service';
import {
  DecideMatchDto,
  MatchDecisionResponseDto,
  PersonMergeResponseDto,
  UnmergeDto,
} from './dto/matching.dto';
import { MatchDecision, PersonMatchDecision } from './entities/person-match-decision.entity';
import { PersonMerge } from './entities/person-merge.entity';
import { IdentitySubjectsService } from './identity-subjects.service';
import { PersonMatchingService } from './person-matching.service';

const ACTIVE = 'ACTIVE';

interface MergeSnapshot {
  survivor: { id: string; aliases: string[]; version: number };
  merged: { id: string; aliases: string[]; version: number; givenNames: string; familyNames: string };
  /** As the merge added them; what an unmerge may still take back is `person_merges.added_aliases`. */
  addedAliases: string[];
}

/** A record's names as a merge adds them to the survivor's aliases: the full name, then its aliases. */
const namesOf = (p: { givenNames: string; familyNames: string; aliases: string[] }): string[] => [
  `${p.givenNames} ${p.familyNames}`.trim(),
  ...p.aliases,
];

/** The link, never its snapshot: that holds the other record's names and aliases as they were. */
const toMergeResponse = (m: PersonMerge): PersonMergeResponseDto => ({
  id: m.id,
  survivorPersonId: m.survivorPersonId,
  mergedPersonId: m.mergedPersonId,
  reason: m.reason,
  mergedById: m.mergedById,
  mergedAt: m.mergedAt,
  unmergedById: m.unmergedById,
  unmergedAt: m.unmergedAt,
});

/**
 * Confirming that two person records are one human being links them (the merged record is kept, never
 * deleted) and adds the merged record's names to the survivor's aliases, so a search by either name finds the
 * survivor. An unmerge takes back only the names that are still the merge's doing:
 * - the merge records the names it added, those the survivor did not have already (`added_aliases`);
 * - a write that takes one of them out of the survivor's aliases (a correction, PATCH /persons/:id) drops it
 *   from that set as well (a trigger on persons, so every writer is covered); entered again later, it is the
 *   corrector's and stays. A correction that sends the list with the name still on it leaves it the merge's;
 * - a name that a later merge into the survivor, still standing, would have added (its record has that name)
 *   stays too, and passes to that merge, which takes it back when it is undone in turn (an earlier merge whose
 *   name a correction took away has given it up);
 * The snapshot keeps both records as they were, for the record; it is never shown.
 */
@Injectable()
export class PersonMergesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly subjects: IdentitySubjectsService,
    private readonly persons: PersonsService,
    private readonly matching: PersonMatchingService,
  ) {}

  async decide(actor: Actor, personId: string, dto: DecideMatchDto): Promise<MatchDecisionResponseDto> {
    await this.subjects.requirePersonVisible(actor, personId);
    // A merge opens the other record's evidence (another centre's, often) and lets it pass a release check,
    // and the evidence that links the records may be what the same officer has just typed in: a centre
    // manager confirms it. Anyone who records identity evidence may reject a candidate.
    if (dto.decision === MatchDecision.Confirmed && !hasRole(actor, Role.CentreManager)) {
      throw new ManagerAuthorisationRequired('Merging two person records').audited({
        action: 'person.match.confirmed',
        entityType: 'person',
        entityId: personId,
        details: { candidatePersonId: dto.candidatePersonId },
      });
    }
    if (!(await this.persons.findById(dto.candidatePersonId))) {
      throw new RuleViolation('UNKNOWN_PERSON', 'No person has this id', [
        { field: 'candidatePersonId', message: 'is not a known person' },
      ]);
    }
    const survivorId = await this.subjects.rootOf(personId);
    const mergedId = await this.subjects.rootOf(dto.candidatePersonId);
    if (survivorId === mergedId) {
      throw new Conflict('ALREADY_SAME_PERSON', 'These records are already linked as one person', [
        { field: 'candidatePersonId', message: 'is already linked to this person' },
      ]);
    }
    if (!(await this.matching.linkedByEvidence(survivorId, mergedId))) {
      throw new RuleViolation(
        'NOT_A_MATCH_CANDIDATE',
        'Only a proposed match can be decided on: no shared document or photo, nor a similar name, date of birth and nationality, links these records',
        [{ field: 'candidatePersonId', message: 'is not a match candidate of this person' }],
      );
    }
    // Both records' centres: each answers for its own people, and learns that one was merged or not.
    const centreIds = await this.auditCentres(survivorId, mergedId);
    const [low, high] = [survivorId, mergedId].sort();
    return this.dataSource.transaction(async (m) => {
      // Both person rows locked, always in the same order: concurrent decisions on a pair run one after the
      // other, and the second sees the first's decision.
      await this.persons.lock(m, low);
      await this.persons.lock(m, high);
      if (
        (await this.subjects.rootOf(survivorId, m)) !== survivorId ||
        (await this.subjects.rootOf(mergedId, m)) !== mergedId
      ) {
        throw new Conflict(
          'MERGED_MEANWHILE',
          'One of the records was merged meanwhile; reload the candidates',
        );
      }
      const existing = await m
        .getRepository(PersonMatchDecision)
        .findOneBy({ personLowId: low, personHighId: high });
      if (existing?.decision === dto.decision) {
        throw new Conflict('MATCH_ALREADY_DECIDED', `This pair was already ${existing.decision}`);
      }
      const decision = await m.getRepository(PersonMatchDecision).save({
        ...(existing ?? {}),
        personLowId: low,
        personHighId: high,
        decision: dto.decision,
        reason: dto.reason,
        decidedById: actor.id,
        decidedAt: new Date(),
      });
      for (const centreId of centreIds)
        await this.audit.record(m, actor, {
          action: `person.match.${dto.decision}`,
          entityType: 'person_match_decision',
          entityId: decision.id,
          centreId,
          details: { personId: survivorId, candidatePersonId: mergedId },
        });
      const response: MatchDecisionResponseDto = {
        id: decision.id,
        decision: decision.decision,
        personId: survivorId,
        candidatePersonId: mergedId,
        reason: decision.reason,
        decidedById: decision.decidedById,
        decidedAt: decision.decidedAt,
      };
      if (dto.decision === MatchDecision.Confirmed) {
        response.merge = toMergeResponse(
          await this.merge(m, actor, survivorId, mergedId, dto.reason, centreIds),
        );
      }
      return response;
    });
  }

  private async merge(
    m: EntityManager,
    actor: Actor,
    survivorId: string,
    mergedId: string,
    reason: string,
    centreIds: (string | null)[],
  ): Promise<PersonMerge> {
    // One human being cannot be held in two places: two ACTIVE stays mean two people.
    const stays = await this.subjects.staysOfPersons(
      [
        ...(await this.subjects.identityGroup(survivorId, m)),
        ...(await this.subjects.identityGroup(mergedId, m)),
      ],
      m,
    );
    if (stays.filter((s) => s.status === ACTIVE).length > 1) {
      throw new RuleViolation(
        'BOTH_HAVE_ACTIVE_STAYS',
        'Both records have an ACTIVE stay; one person cannot be held in two places',
        [{ field: 'candidatePersonId', message: 'has an ACTIVE stay too' }],
      );
    }
    const survivor = (await this.persons.lock(m, survivorId))!;
    const merged = (await this.persons.lock(m, mergedId))!;
    // Only names the survivor does not have: one it had already (its own, or an earlier merge's) is not this
    // merge's to take back.
    const addedAliases = [...new Set(namesOf(merged))].filter(
      (a) =>
        a && !survivor.aliases.includes(a) && a !== `${survivor.givenNames} ${survivor.familyNames}`.trim(),
    );
    const snapshot: MergeSnapshot = {
      survivor: { id: survivor.id, aliases: survivor.aliases, version: survivor.version },
      merged: {
        id: merged.id,
        aliases: merged.aliases,
        version: merged.version,
        givenNames: merged.givenNames,
        familyNames: merged.familyNames,
      },
      addedAliases,
    };
    if (addedAliases.length)
      await this.persons.setAliases(m, survivor.id, [...survivor.aliases, ...addedAliases]);
    const merge = await m.getRepository(PersonMerge).save(
      m.create(PersonMerge, {
        survivorPersonId: survivorId,
        mergedPersonId: mergedId,
        snapshot: snapshot as unknown as Record<string, unknown>,
        addedAliases,
        reason,
        mergedById: actor.id,
        mergedAt: new Date(),
      }),
    );
    for (const centreId of centreIds)
      await this.audit.record(m, actor, {
        action: 'person.merge',
        entityType: 'person_merge',
        entityId: merge.id,
        centreId,
        details: {
          survivorPersonId: survivorId,
          mergedPersonId: mergedId,
          addedAliases: addedAliases.length,
        },
      });
    return merge;
  }

  /**
   * Undoes a merge: the link is closed, the names it added that are still its doing are removed (see the class
   * comment), the pair is marked rejected.
   */
  async unmerge(actor: Actor, mergeId: string, dto: UnmergeDto): Promise<PersonMergeResponseDto> {
    const found = await this.dataSource.getRepository(PersonMerge).findOneBy({ id: mergeId });
    if (!found) throw new NotFoundInScope('Person merge');
    await this.subjects.requirePersonVisible(actor, found.survivorPersonId).catch(() => {
      throw new NotFoundInScope('Person merge');
    });
    const centreIds = await this.auditCentres(found.survivorPersonId, found.mergedPersonId);
    return this.dataSource.transaction(async (m) => {
      // The survivor's row first, then the merges: the order a correction of the survivor's aliases takes them
      // in (its UPDATE of persons, then the trigger's of person_merges), and a merge too, so none deadlock.
      // Nobody changes the survivor's aliases or its merges' names from here to the commit.
      const survivor = (await this.persons.lock(m, found.survivorPersonId))!;
      const merges = m.getRepository(PersonMerge);
      const merge = (await merges.findOne({ where: { id: mergeId }, lock: { mode: 'pessimistic_write' } }))!;
      if (merge.unmergedAt) throw new Conflict('ALREADY_UNMERGED', 'This merge was already undone');
      const others = await merges.find({
        where: { survivorPersonId: merge.survivorPersonId, unmergedAt: IsNull(), id: Not(mergeId) },
        order: { mergedAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      // Another standing merge needs a name of this one's if it holds the name too (passed on to it by an earlier
      // unmerge), or if it came later and its record has the name: it found the name on the survivor, put there
      // by this merge and there since without a break, and so did not add it itself. A merge from before this one
      // whose name a correction took away has given it up, and does not.
      const namesOfOther = (o: PersonMerge) => namesOf((o.snapshot as unknown as MergeSnapshot).merged);
      const cameLaterWith = (o: PersonMerge, name: string) =>
        o.mergedAt > merge.mergedAt && namesOfOther(o).includes(name);
      const needed = (name: string) =>
        others.some((o) => o.addedAliases.includes(name) || cameLaterWith(o, name));
      const removed = merge.addedAliases.filter((a) => !needed(a));
      const kept = merge.addedAliases.filter(needed);
      // Closed before the aliases change, so that the trigger leaves this merge's set as it was at the unmerge.
      await merges.update({ id: mergeId }, { unmergedAt: new Date(), unmergedById: actor.id });
      for (const other of others) {
        const taken = kept.filter((a) => cameLaterWith(other, a) && !other.addedAliases.includes(a));
        if (taken.length)
          await merges.update({ id: other.id }, { addedAliases: [...other.addedAliases, ...taken] });
      }
      if (removed.length)
        await this.persons.setAliases(
          m,
          survivor.id,
          survivor.aliases.filter((a) => !removed.includes(a)),
        );
      const [low, high] = [merge.survivorPersonId, merge.mergedPersonId].sort();
      await m.getRepository(PersonMatchDecision).update(
        { personLowId: low, personHighId: high },
        {
          decision: MatchDecision.Rejected,
          reason: dto.reason,
          decidedById: actor.id,
          decidedAt: new Date(),
        },
      );
      for (const centreId of centreIds)
        await this.audit.record(m, actor, {
          action: 'person.unmerge',
          entityType: 'person_merge',
          entityId: mergeId,
          centreId,
          // Counts, as the merge's entry: the names themselves stay out of the trail.
          details: {
            survivorPersonId: merge.survivorPersonId,
            mergedPersonId: merge.mergedPersonId,
            removedAliases: removed.length,
            keptForOtherMerges: kept.length,
          },
        });
      return toMergeResponse(await merges.findOneByOrFail({ id: mergeId }));
    });
  }

  async listForPerson(actor: Actor, personId: string): Promise<PersonMergeResponseDto[]> {
    await this.subjects.requirePersonVisible(actor, personId);
    const merges = await this.dataSource.getRepository(PersonMerge).find({
      where: [{ survivorPersonId: personId }, { mergedPersonId: personId }],
      order: { mergedAt: 'DESC' },
    });
    return merges.map(toMergeResponse);
  }

  /**
   * Merges belong to no single centre: an entry goes to the chain of every centre where either record stayed
   * (the global chain if neither did).
   */
  private async auditCentres(personId: string, otherPersonId: string): Promise<(string | null)[]> {
    const centres = new Set([
      ...(await this.subjects.centresOfGroup(personId)),
      ...(await this.subjects.centresOfGroup(otherPersonId)),
    ]);
    return centres.size ? [...centres] : [null];
  }
}
