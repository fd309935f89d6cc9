import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import {
  MatchCandidateDto,
  MatchCandidatesResponseDto,
  MatchConfidence,
  MatchReason,
} from './dto/matching.dto';
import { IdentityPhoto } from './entities/identity-photo.entity';
import { MatchDecision, PersonMatchDecision } from './entities/person-match-decision.entity';
import { IdentitySubjectsService } from './identity-subjects.service';
import { birthDatesClose, namesAlike } from './rules/name-similarity';

/** Repeat-admission detection: who else in the system might this person be? */
@Injectable()
export class PersonMatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subjects: IdentitySubjectsService,
    private readonly audit: AuditService,
  ) {}

  async candidates(actor: Actor, personId: string): Promise<MatchCandidatesResponseDto> {
    await this.subjects.requirePersonVisible(actor, personId);
    const group = await this.subjects.identityGroup(await this.subjects.rootOf(personId));
    const found = await this.evidence(group);
    const rejected = await this.rejectedWith(group, [...found.keys()]);
    const candidates: MatchCandidateDto[] = [];
    for (const [id, reasons] of found) {
      if (rejected.has(id)) continue;
      const person = await this.subjects.requirePerson(id);
      const certain = reasons.has(MatchReason.SameDocument) || reasons.has(MatchReason.SamePhoto);
      candidates.push({
        personId: id,
        confidence: certain ? MatchConfidence.Certain : MatchConfidence.Probable,
        reasons: [...reasons],
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
        nationalities: person.nationalities,
        centreIds: await this.subjects.centresOfPerson(id),
      });
    }
    candidates.sort((a, b) =>
      a.confidence === b.confidence ? 0 : a.confidence === MatchConfidence.Certain ? -1 : 1,
    );
    // Like a person search, it shows people held in other centres: who was shown, to whom, is audited.
    await this.audit.recordInCallerCentres(actor, {
      action: 'person.match_candidates',
      entityType: 'person',
      entityId: personId,
      details: { shown: candidates.map((c) => c.personId) },
    });
    return { personId, candidates };
  }

  /**
   * True when the evidence links the two records (a shared document or photo, or a similar name, birth date and
   * nationality), whether or not the pair was rejected before: only such a pair may be decided on, so that
   * nobody can merge into a person a record the evidence does not point to (and so read its identity
   * documents, or pass a release check with them).
   */
  async linkedByEvidence(personId: string, otherPersonId: string): Promise<boolean> {
    const group = await this.subjects.identityGroup(await this.subjects.rootOf(personId));
    const other = await this.subjects.rootOf(otherPersonId);
    return (await this.evidence(group)).has(other);
  }

  /** The records, outside the identity group, that the evidence links to it (by their root), with why. */
  private async evidence(group: string[]): Promise<Map<string, Set<MatchReason>>> {
    const found = new Map<string, Set<MatchReason>>();
    const add = async (ids: string[], reason: MatchReason) => {
      for (const id of ids) {
        const other = await this.subjects.rootOf(id);
        if (group.includes(other)) continue;
        found.set(other, (found.get(other) ?? new Set()).add(reason));
      }
    };
    await add(await this.sameDocument(group), MatchReason.SameDocument);
    await add(await this.samePhoto(group), MatchReason.SamePhoto);
    await add(await this.similarPeople(group), MatchReason.SimilarNameBirthDateNationality);
    return found;
  }

  /** Same document number and issuing country: the strongest evidence there is. */
  private async sameDocument(group: string[]): Promise<string[]> {
    const rows: { person_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT o.person_id
         FROM identity_documents mine
         JOIN identity_documents o
           ON o.number_normalised = mine.number_normalised AND o.issuing_country = mine.issuing_country
        WHERE mine.person_id = ANY($1) AND mine.number_normalised IS NOT NULL AND NOT (o.person_id = ANY($1))`,
      [group],
    );
    return rows.map((r) => r.person_id);
  }

  private async samePhoto(group: string[]): Promise<string[]> {
    const mine = await this.dataSource
      .getRepository(IdentityPhoto)
      .find({ select: { sha256: true }, where: { personId: In(group) } });
    if (!mine.length) return [];
    const others = await this.dataSource.getRepository(IdentityPhoto).find({
      select: { personId: true },
      where: { sha256: In(mine.map((p) => p.sha256)), personId: Not(In(group)) },
    });
    return [...new Set(others.map((p) => p.personId))];
  }

  /** Fuzzy name, date of birth within a year and at least one shared nationality. */
  private async similarPeople(group: string[]): Promise<string[]> {
    const result = new Set<string>();
    for (const id of group) {
      const person = await this.subjects.requirePerson(id);
      if (!person.dateOfBirth || !person.nationalities.length) continue;
      const nearby = await this.subjects.personsAlikeBornNear(
        person.fullName,
        person.dateOfBirth,
        person.nationalities,
      );
      for (const other of nearby) {
        if (group.includes(other.id)) continue;
        if (
          birthDatesClose(person.dateOfBirth, other.dateOfBirth) &&
          other.nationalities.some((n) => person.nationalities.includes(n)) &&
          namesAlike(person.fullName, other.fullName)
        ) {
          result.add(other.id);
        }
      }
    }
    return [...result];
  }

  private async rejectedWith(group: string[], candidates: string[]): Promise<Set<string>> {
    if (!candidates.length) return new Set();
    const rows = await this.dataSource.getRepository(PersonMatchDecision).find({
      where: [
        { decision: MatchDecision.Rejected, personLowId: In(group), personHighId: In(candidates) },
        { decision: MatchDecision.Rejected, personLowId: In(candidates), personHighId: In(group) },
      ],
    });
    return new Set(rows.flatMap((r) => [r.personLowId, r.personHighId]).filter((id) => !group.includes(id)));
  }
}
