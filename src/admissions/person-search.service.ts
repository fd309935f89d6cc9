import { Injectable } from '@nestjs/common';
import { validationFailed } from '../common/validation/api-validation.pipe';
import { Actor, canSeeCentre } from '../auth/actor';
import { NotFoundInScope } from '../common/errors/domain.exception';
import {
  PersonIdentityDto,
  PersonSearchQueryDto,
  PersonSearchResultDto,
} from '../persons/dto/person-search.dto';
import { Person } from '../persons/entities/person.entity';
import { PersonsService } from '../persons/persons.service';
import { Stay } from './entities/stay.entity';
import { StaysService } from './stays.service';

/**
 * Person search across every centre, so that repeat arrivals are recognised. It lives with admissions because it
 * combines persons with their stays; persons itself knows nothing of stays. Outside the caller's centres it
 * shows only identity fields and each stay's centre and status.
 */
@Injectable()
export class PersonSearchService {
  constructor(
    private readonly persons: PersonsService,
    private readonly stays: StaysService,
  ) {}

  async search(actor: Actor, query: PersonSearchQueryDto): Promise<PersonSearchResultDto[]> {
    if (!query.q && !query.dateOfBirth) {
      throw validationFailed([{ field: 'q', message: 'give q (a name) or dateOfBirth, or both' }]);
    }
    const ranked = await this.persons.search(query);
    const stays = await this.stays.staysOfPersons(ranked.map((r) => r.person.id));
    return ranked.map(({ person, score }) =>
      this.view(
        actor,
        person,
        stays.filter((s) => s.personId === person.id),
        score,
      ),
    );
  }

  async get(actor: Actor, personId: string): Promise<PersonSearchResultDto> {
    const person = await this.persons.findById(personId);
    if (!person) throw new NotFoundInScope('Person');
    return this.view(actor, person, await this.stays.staysOfPersons([personId]), 1);
  }

  private view(actor: Actor, person: Person, stays: Stay[], score: number): PersonSearchResultDto {
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
