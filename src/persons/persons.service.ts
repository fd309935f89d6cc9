import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PersonInputDto } from './dto/person-input.dto';
import { PersonSearchQueryDto } from './dto/person-search.dto';
import { Person } from './entities/person.entity';

/** Age in whole years on a given day, from a YYYY-MM-DD date of birth. */
export function ageOn(dateOfBirth: string | null, on: Date): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  let age = on.getUTCFullYear() - y;
  const beforeBirthday = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

const MAX_TOKENS = 6;
const WORD_SIMILARITY_THRESHOLD = 0.5;

export interface RankedPerson {
  person: Person;
  score: number;
}

@Injectable()
export class PersonsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates a person inside the caller's transaction (admission creates person and stay together). */
  async create(m: EntityManager, dto: PersonInputDto): Promise<Person> {
    const person = m.create(Person, {
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
    return m.getRepository(Person).save(person);
  }

  /** A person by id, or null; `m` lets a caller read inside its own transaction. */
  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return m.getRepository(Person).findOneBy({ id });
  }

  findByIds(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Person[]> {
    return ids.length ? m.getRepository(Person).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /**
   * People born within `days` of a date and sharing a nationality: the pre-filter for repeat-admission
   * matching (identity module), which then compares names.
   */
  findBornNear(dateOfBirth: string, days: number, nationalities: string[]): Promise<Person[]> {
    return this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .where(`p.date_of_birth BETWEEN (:dob::date - :days::int) AND (:dob::date + :days::int)`, {
        dob: dateOfBirth,
        days,
      })
      .andWhere('p.nationalities && :nationalities::char(2)[]', { nationalities })
      .limit(500)
      .getMany();
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
   * (pg_trgm `<%`, threshold 0.5) over unaccented lower-case text, so "Jose Perez" finds "José Luis Pérez" and
   * "Mohamed" finds "Mohammed"; every condition can use the GIN trigram index. An exact date of birth
   * ranks first; an estimated one matches within a year.
   */
  async search(query: PersonSearchQueryDto): Promise<RankedPerson[]> {
    const tokens = (query.q ?? '')
      .split(/[\s,;]+/)
      .filter((t) => t.length >= 2)
      .slice(0, MAX_TOKENS);
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    const scores: string[] = [];
    for (const token of tokens) {
      const t = `lower(immutable_unaccent(${param(token)}::text))`;
      where.push(`${t} <% p.search_name`);
      scores.push(`word_similarity(${t}, p.search_name)`);
    }
    let dobScore = '0';
    if (query.dateOfBirth) {
      const dob = `${param(query.dateOfBirth)}::date`;
      where.push(
        `(p.date_of_birth = ${dob} OR (p.date_of_birth_estimated AND p.date_of_birth BETWEEN ${dob} - 366 AND ${dob} + 366))`,
      );
      dobScore = `CASE WHEN p.date_of_birth = ${dob} THEN 0.5 ELSE 0.25 END`;
    }
    if (query.nationality) where.push(`${param(query.nationality)}::char(2) = ANY(p.nationalities)`);
    const nameScore = scores.length ? `(${scores.join(' + ')}) / ${scores.length}` : '0';
    const rows: { id: string; score: number }[] = await this.dataSource.transaction(async (m) => {
      // pg_trgm's default (0.6) misses short variants ("Udin" for "Uddin"); a lower bar only adds candidates,
      // which the ranking puts last.
      await m.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`);
      return m.query(
        `SELECT p.id, round((${nameScore} + ${dobScore})::numeric, 3)::float AS score
       FROM persons p
       WHERE ${where.join(' AND ')}
       ORDER BY score DESC, p.family_names, p.given_names, p.id
       LIMIT ${param(query.limit ?? 20)}`,
        params,
      );
    });
    const persons = new Map((await this.findByIds(rows.map((r) => r.id))).map((p) => [p.id, p]));
    return rows.map((r) => ({ person: persons.get(r.id)!, score: r.score }));
  }
}
