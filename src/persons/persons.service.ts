import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PersonInputDto } from './dto/person-input.dto';
import { PersonSearchQueryDto } from './dto/person-search.dto';
import { UpdatePersonDto } from './dto/update-person.dto';
import { updateVersioned } from '../common/persistence/versioned-update';
import { validationFailed } from '../common/validation/api-validation.pipe';
import { Person } from './entities/person.entity';
import { insertEntity } from '../common/persistence/insert-entity';
import { send } from '../common/persistence/pipeline';
import { WORD_SIMILARITY_THRESHOLD } from './name-similarity';

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>(); // one per zone: constructing one is slow

/**
 * The calendar date (YYYY-MM-DD) an instant falls on in an IANA time zone. A person's birthday comes at the
 * centre's midnight, not at UTC midnight: in Central America (UTC-6) the UTC date turns over at 18:00 local.
 */
export function localDateIn(on: Date, timeZone: string): string {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    // Throws RangeError on an unknown zone; centres' zones are validated when the centre is saved.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DATE_FORMATS.set(timeZone, format);
  }
  // By parts, not by the locale's pattern, so the result does not depend on the ICU data installed.
  const parts = format.formatToParts(on);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Age in whole years, from a YYYY-MM-DD date of birth, on the calendar date that `on` falls on in `timeZone`
 * (the centre's). The zone is required: every child/adult decision depends on it.
 */
export function ageOn(dateOfBirth: string | null, on: Date, timeZone: string): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = localDateIn(on, timeZone).split('-').map(Number);
  let age = ty - y;
  if (tm < m || (tm === m && td < d)) age -= 1;
  return age;
}

const MAX_TOKENS = 6;
const REQUIRED_FIELDS = [
  'givenNames',
  'familyNames',
  'aliases',
  'sex',
  'dateOfBirthEstimated',
  'nationalities',
  'languages',
];
/**
 * Without a date of birth, words shorter than this rank the candidates but do not filter them: a two-letter
 * fragment ("Edgar Cc") has too few trigrams to match anything reliably, and as a filter it made the nearest-
 * name scan walk every "Edgar" in the country (over 100 ms) looking for twenty that also matched "cc".
 */
const MIN_FILTER_WORD_LENGTH = 3;

/** What a search returns of each person: every field but the search column and the bookkeeping. */
export type PersonFound = Omit<Person, 'searchName' | 'version' | 'createdAt' | 'updatedAt'>;

/** Each field of PersonFound and the column it is read from (a date as YYYY-MM-DD, as TypeORM reads it). */
const FOUND_COLUMNS: Record<keyof PersonFound, string> = {
  id: 'p.id',
  givenNames: 'p.given_names',
  familyNames: 'p.family_names',
  aliases: 'p.aliases',
  nameOriginalScript: 'p.name_original_script',
  sex: 'p.sex',
  dateOfBirth: `to_char(p.date_of_birth, 'YYYY-MM-DD')`,
  dateOfBirthEstimated: 'p.date_of_birth_estimated',
  nationalities: 'p.nationalities',
  countryOfBirth: 'p.country_of_birth',
  languages: 'p.languages',
  preferredLanguage: 'p.preferred_language',
  nextOfKin: 'p.next_of_kin',
  forwardingAddress: 'p.forwarding_address',
};
const FOUND_FIELDS = Object.keys(FOUND_COLUMNS) as (keyof PersonFound)[];

export interface RankedPerson {
  person: PersonFound;
  score: number;
  /** The caller's extra columns (see search), by name. */
  extra: Record<string, unknown>;
}

/**
 * Columns a caller adds to each candidate, computed in the same query: name → SQL expression over the alias `p`
 * (person search adds each person's stays, which this module knows nothing of, without a second round trip).
 */
export type SearchExtraColumns = Record<string, string>;

@Injectable()
export class PersonsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates a person inside the caller's transaction (admission creates person and stay together). The id is the
   * caller's, so that its next writes can refer to the person without waiting for this one (see insertEntity).
   */
  async create(m: EntityManager, dto: PersonInputDto, id: string): Promise<Person> {
    return insertEntity(m, Person, {
      id,
      givenNames: dto.givenNames,
      familyNames: dto.familyNames,
      aliases: dto.aliases ?? [],
      nameOriginalScript: dto.nameOriginalScript ?? null,
      sex: dto.sex,
      dateOfBirth: dto.dateOfBirth ?? null,
      dateOfBirthEstimated: dto.dateOfBirthEstimated ?? false,
      nationalities: [...new Set(dto.nationalities ?? [])],
      countryOfBirth: dto.countryOfBirth ?? null,
      languages: [...new Set(dto.languages ?? [])],
      preferredLanguage: dto.preferredLanguage ?? null,
      nextOfKin: dto.nextOfKin ? { ...dto.nextOfKin } : null,
      forwardingAddress: dto.forwardingAddress ?? null,
    });
  }

  /** A person by id, or null; `m` lets a caller read inside its own transaction. */
  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return m.getRepository(Person).findOneBy({ id });
  }

  findByIds(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Person[]> {
    return ids.length ? m.getRepository(Person).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /**
   * Applies corrections inside the caller's transaction and returns the names of the fields changed. Fields
   * that may not be empty answer 400 when sent as null.
   */
  async update(m: EntityManager, id: string, dto: UpdatePersonDto): Promise<string[]> {
    const { version, ...given } = dto;
    const changes: Record<string, unknown> = Object.fromEntries(
      Object.entries(given).filter(([, v]) => v !== undefined),
    );
    // Lists are sets, as at creation: ["SV", "SV"] is one nationality.
    for (const list of ['nationalities', 'languages'] as const) {
      if (Array.isArray(changes[list])) changes[list] = [...new Set(changes[list] as string[])];
    }
    if (!Object.keys(changes).length) {
      throw validationFailed([{ field: 'body', message: 'give at least one field to correct' }]);
    }
    const nulled = REQUIRED_FIELDS.filter((f) => f in changes && changes[f] === null);
    if (nulled.length)
      throw validationFailed(nulled.map((field) => ({ field, message: 'must not be null' })));
    await updateVersioned(m, Person, id, version, changes, 'Person');
    return Object.keys(changes);
  }

  /**
   * People born within `days` of a date, sharing a nationality, whose names or aliases share at least one word
   * with `name` (equal, or one edit apart when both have four letters or more), `ignoredWords` apart: the
   * pre-filter for repeat-admission matching (identity module), which then compares the whole names. Both sides
   * are folded as search_name is (lower case, unaccent, split at anything but a-z and 0-9), so the same name is
   * the same words on both. The closest given and family names by trigram similarity come first; past `limit`
   * (500 by default), the least alike are left out.
   */
  findAlikeBornNear(
    dateOfBirth: string,
    days: number,
    nationalities: string[],
    name: string,
    ignoredWords: string[],
    limit = 500,
  ): Promise<Person[]> {
    return (
      this.dataSource
        .getRepository(Person)
        .createQueryBuilder('p')
        .where(`p.date_of_birth BETWEEN (:dob::date - :days::int) AND (:dob::date + :days::int)`, {
          dob: dateOfBirth,
          days,
        })
        .andWhere('p.nationalities && :nationalities::char(2)[]', { nationalities })
        // levenshtein_less_equal() refuses words over 255 letters; one edit apart means lengths within one.
        .andWhere(
          `EXISTS (SELECT FROM regexp_split_to_table(lower(immutable_unaccent(:name::text)), '[^a-z0-9]+') w,
                             regexp_split_to_table(p.search_name, '[^a-z0-9]+') u
                 WHERE length(w) > 1 AND w <> ALL(:ignored::text[])
                   AND (w = u OR (least(length(w), length(u)) >= 4 AND abs(length(w) - length(u)) <= 1
                                  AND greatest(length(w), length(u)) <= 255
                                  AND levenshtein_less_equal(w, u, 1) <= 1)))`,
          { name, ignored: ignoredWords },
        )
        .orderBy(
          `similarity(lower(immutable_unaccent(p.given_names || ' ' || p.family_names)),
                    lower(immutable_unaccent(:name::text)))`,
          'DESC',
        )
        .addOrderBy('p.id')
        .limit(limit)
        .getMany()
    );
  }

  /** Replaces a person's aliases inside the caller's transaction (identity: merge and unmerge). */
  async setAliases(m: EntityManager, id: string, aliases: string[]): Promise<void> {
    await m
      .getRepository(Person)
      .createQueryBuilder()
      .update()
      .set({ aliases, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Locks the person row for the rest of the transaction (serialises concurrent admissions of one person). */
  async lock(m: EntityManager, id: string): Promise<Person | null> {
    return m.getRepository(Person).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Ranked candidates. Each word of `q` must match a word of the names or aliases by trigram word similarity
   * (>= 0.5) over unaccented lower-case text (without a date of birth, words of one or two letters only rank),
   * so "Jose Perez" finds "José Luis Pérez" and "Mohamed" finds "Mohammed". Two plans, each driven by the
   * index that serves it:
   * - name only: a GiST trigram index answers `<%` and returns the nearest names first (`<<->`), so LIMIT stops
   *   the scan early even for names shared by thousands of people;
   * - with a date of birth: the date indexes pick the few people born that day (or, when estimated, within a
   *   year) and the names are compared in those index entries only; the table is read for the matches. An exact
   *   date ranks first.
   *
   * The statement text depends only on the shape of the query (with or without a date of birth, how many words
   * and how many of them filter, whether a nationality is given), never on its values: MAX_TOKENS keeps the texts
   * few, and each is prepared once per connection and planned once (see send). At intake desks this query runs
   * all day, and parsing and planning it cost more than running it. Each term is normalised once per query, in a
   * subquery of its own (an InitPlan), rather than once per row compared.
   */
  async search(query: PersonSearchQueryDto, extra: SearchExtraColumns = {}): Promise<RankedPerson[]> {
    const tokens = (query.q ?? '')
      .split(/[\s,;]+/)
      .filter((t) => t.length >= 2)
      .slice(0, MAX_TOKENS);
    const params: unknown[] = [];
    const param = (v: unknown, type: string) => `$${params.push(v)}::${type}`;
    const normalised = (v: string) => `(SELECT lower(immutable_unaccent(${param(v, 'text')})))`;
    const whole = tokens.length ? normalised(tokens.join(' ')) : null;
    const alsoMatches = (words: string[], alias = 'p') =>
      words.map(
        (t) => `word_similarity(${normalised(t)}, ${alias}.search_name) >= ${WORD_SIMILARITY_THRESHOLD}`,
      );
    const nationality = () =>
      query.nationality ? [`${param(query.nationality, 'char(2)')} = ANY(p.nationalities)`] : [];
    const columns = [
      ...Object.entries(FOUND_COLUMNS).map(([field, sql]) => `${sql} AS "${field}"`),
      ...Object.entries(extra).map(([name, sql]) => `${sql} AS "extra:${name}"`),
    ];

    let sql: string;
    if (!query.dateOfBirth) {
      if (!whole) return [];
      // The longest word is the index condition (most trigrams, fewest false candidates); the scan returns the
      // names nearest to the whole query first, so LIMIT stops it early. `<%` reads its threshold from
      // pg_trgm.word_similarity_threshold, which every session starts with set to WORD_SIMILARITY_THRESHOLD.
      const [longest, ...others] = [...tokens].sort((a, b) => b.length - a.length);
      const where = [
        `${normalised(longest)} <% p.search_name`,
        ...alsoMatches(others.filter((t) => t.length >= MIN_FILTER_WORD_LENGTH)),
        ...nationality(),
      ];
      sql = `SELECT ${columns.join(', ')}, round((1 - (${whole} <<-> p.search_name))::numeric, 3)::float AS score
        FROM persons p WHERE ${where.join(' AND ')}
        ORDER BY ${whole} <<-> p.search_name LIMIT ${param(query.limit ?? 20, 'int')}`;
    } else {
      // The names are compared in the date of birth indexes, which carry search_name and id: an index-only scan
      // of the people born that day (or, estimated, within a year), and then only the persons who match are read
      // from the table. Comparing them on the table rows read forty-odd random pages a search.
      const dob = param(query.dateOfBirth, 'date');
      const namesMatch = alsoMatches(tokens, 'q');
      const bornThatDay = [`q.date_of_birth = ${dob}`, ...namesMatch];
      const estimatedNear = [
        'q.date_of_birth_estimated',
        `q.date_of_birth BETWEEN ${dob} - 366 AND ${dob} + 366`,
        ...namesMatch,
      ];
      const where = [
        `p.id = ANY(ARRAY(SELECT q.id FROM persons q WHERE ${bornThatDay.join(' AND ')}
                          UNION ALL SELECT q.id FROM persons q WHERE ${estimatedNear.join(' AND ')}))`,
        ...nationality(),
      ];
      const nameScore = whole ? `word_similarity(${whole}, p.search_name)` : '0';
      sql = `SELECT ${columns.join(', ')},
          round((${nameScore} + CASE WHEN p.date_of_birth = ${dob} THEN 0.5 ELSE 0.25 END)::numeric, 3)::float AS score
        FROM persons p WHERE ${where.join(' AND ')}
        ORDER BY score DESC, p.family_names, p.given_names, p.id LIMIT ${param(query.limit ?? 20, 'int')}`;
    }
    const rows = await send(this.dataSource.manager, sql, params);
    return rows.map((row) => ({
      person: Object.fromEntries(FOUND_FIELDS.map((f) => [f, row[f]])) as unknown as PersonFound,
      score: row.score as number,
      extra: Object.fromEntries(Object.keys(extra).map((name) => [name, row[`extra:${name}`]])),
    }));
  }
}
