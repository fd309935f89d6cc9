import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { validationFailed } from '../common/validation/api-validation.pipe';
import { Actor, canSeeCentre } from '../auth/actor';
import { Conflict, NotFoundInScope } from '../common/errors/domain.exception';
import {
  PersonIdentityDto,
  PersonSearchQueryDto,
  PersonSearchResultDto,
} from '../persons/dto/person-search.dto';
import { Person } from '../persons/entities/person.entity';
import { PersonFound, PersonsService } from '../persons/persons.service';
import { CorrectPersonDto } from './dto/correct-person.dto';
import { Stay, StayStatus } from './entities/stay.entity';
import { ScreeningService } from './screening.service';
import { StaysService } from './stays.service';

/**
 * The fields whose earlier values a correction's audit entry keeps, so that a reviewer can see what the record
 * said before: the ones that decide whether a person is a child, where they may be held and whose consul may
 * be told. Other fields are named only.
 */
const REVIEWED_FIELDS = ['dateOfBirth', 'dateOfBirthEstimated', 'sex', 'nationalities'] as const;

function previousValues(before: Person, changed: string[]): { previous?: Record<string, unknown> } {
  const previous = Object.fromEntries(
    REVIEWED_FIELDS.filter((f) => changed.includes(f)).map((f) => [f, before[f]]),
  );
  return Object.keys(previous).length ? { previous } : {};
}

/** What the search shows of a stay. */
type StayLine = Pick<Stay, 'id' | 'centreId' | 'status' | 'admittedAt' | 'exitedAt'>;
type StayJson = Omit<StayLine, 'admittedAt' | 'exitedAt'> & { admittedAt: string; exitedAt: string | null };

/** Each candidate's stays, newest first, in the search query itself (one round trip instead of two). */
const STAYS_OF_P = `(SELECT coalesce(json_agg(json_build_object('id', s.id, 'centreId', s.centre_id,
    'status', s.status, 'admittedAt', s.admitted_at, 'exitedAt', s.exited_at) ORDER BY s.admitted_at DESC), '[]')
  FROM stays s WHERE s.person_id = p.id)`;

const fromJson = (s: StayJson): StayLine => ({
  ...s,
  admittedAt: new Date(s.admittedAt),
  exitedAt: s.exitedAt === null ? null : new Date(s.exitedAt),
});

/**
 * Person search across every centre, so that repeat arrivals are recognised. It lives with admissions because it
 * combines persons with their stays; persons itself knows nothing of stays. Outside the caller's centres it
 * shows only identity fields and each stay's centre and status.
 */
@Injectable()
export class PersonSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly persons: PersonsService,
    private readonly stays: StaysService,
    private readonly screening: ScreeningService,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, query: PersonSearchQueryDto): Promise<PersonSearchResultDto[]> {
    if (!query.q && !query.dateOfBirth) {
      throw validationFailed([{ field: 'q', message: 'give q (a name) or dateOfBirth, or both' }]);
    }
    const ranked = await this.persons.search(query, { stays: STAYS_OF_P });
    const results = ranked.map(({ person, score, extra }) =>
      this.view(actor, person, (extra.stays as StayJson[]).map(fromJson), score),
    );
    // Who looked for whom, and whom they were shown: a search across centres discloses where people are held.
    await this.audit.recordInCallerCentres(
      actor,
      {
        action: 'person.search',
        entityType: 'person',
        details: { shown: results.map((r) => ({ personId: r.person.id, visibility: r.visibility })) },
      },
      { q: query.q ?? null, dateOfBirth: query.dateOfBirth ?? null, nationality: query.nationality ?? null },
    );
    return results;
  }

  async get(actor: Actor, personId: string): Promise<PersonSearchResultDto> {
    const result = await this.read(actor, personId);
    await this.audit.recordInCallerCentres(actor, {
      action: 'person.read',
      entityType: 'person',
      entityId: personId,
      details: { visibility: result.visibility },
    });
    return result;
  }

  private async read(actor: Actor, personId: string): Promise<PersonSearchResultDto> {
    const person = await this.persons.findById(personId);
    if (!person) throw new NotFoundInScope('Person');
    return this.view(actor, person, await this.stays.findByPersons([personId], undefined, 'DESC'), 1);
  }

  /**
   * Corrections by the centre that holds the person now: a person is shared by every centre that ever held
   * them, so only the centre of the ACTIVE stay may change the record. The stay is locked for the correction
   * (a transfer cannot complete meanwhile), and what the correction means for the stay follows in the same
   * transaction (see ScreeningService.afterPersonCorrection): a child made an adult needs a centre manager's
   * written reason; a person who is now a child and alone is flagged unaccompanied.
   */
  async update(actor: Actor, personId: string, dto: CorrectPersonDto): Promise<PersonSearchResultDto> {
    const { ageRevisionReason, ...correction } = dto;
    await this.dataSource.transaction(async (m) => {
      const held = (await this.stays.findByPersons([personId], m)).filter((s) =>
        canSeeCentre(actor, s.centreId),
      );
      if (!held.length) throw new NotFoundInScope('Person');
      const active = held.find((s) => s.status === StayStatus.Active);
      if (!active) {
        throw new Conflict(
          'PERSON_NOT_HELD_HERE',
          'Only the centre where the person has an ACTIVE stay may correct it',
        );
      }
      const stay = await this.stays.requireStayForUpdateAfterCompanion(actor, active.id, m);
      this.stays.assertActive(stay);
      const before = stay.person!;
      const changed = await this.persons.update(m, personId, correction);
      const after = (await this.persons.findById(personId, m))!;
      await this.screening.afterPersonCorrection(
        m,
        actor,
        stay,
        before,
        after,
        ageRevisionReason ?? undefined,
      );
      await this.audit.record(m, actor, {
        action: 'person.update',
        entityType: 'person',
        entityId: personId,
        centreId: stay.centreId,
        details: { changed, ...previousValues(before, changed) },
      });
    });
    return this.read(actor, personId);
  }

  private view(actor: Actor, person: PersonFound, stays: StayLine[], score: number): PersonSearchResultDto {
    const full = stays.some((s) => canSeeCentre(actor, s.centreId));
    const identity: PersonIdentityDto = {
      id: person.id,
      givenNames: person.givenNames,
      familyNames: person.familyNames,
      aliases: person.aliases,
      nameOriginalScript: person.nameOriginalScript,
      sex: person.sex,
      dateOfBirth: person.dateOfBirth,
      dateOfBirthEstimated: person.dateOfBirthEstimated,
      nationalities: person.nationalities,
      countryOfBirth: person.countryOfBirth,
    };
    return {
      score,
      visibility: full ? 'full' : 'identity',
      person: full
        ? {
            ...identity,
            languages: person.languages,
            preferredLanguage: person.preferredLanguage,
            nextOfKin: person.nextOfKin,
            forwardingAddress: person.forwardingAddress,
          }
        : identity,
      stays: stays.map((s) =>
        canSeeCentre(actor, s.centreId)
          ? {
              stayId: s.id,
              centreId: s.centreId,
              status: s.status,
              admittedAt: s.admittedAt,
              exitedAt: s.exitedAt,
            }
          : { centreId: s.centreId, status: s.status },
      ),
    };
  }
}
