import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PersonInputDto } from './dto/person-input.dto';
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

  /** Locks the person row for the rest of the transaction (serialises concurrent admissions of one person). */
  async lock(m: EntityManager, id: string): Promise<Person | null> {
    return m.getRepository(Person).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
