import { Person } from '../persons/entities/person.entity';
import { ageOn } from '../persons/persons.service';
import { StayResponseDto } from './dto/stay-response.dto';
import { Stay } from './entities/stay.entity';

type ChildPerson = { dateOfBirth?: string | null };
type ChildStay = Pick<Stay, 'claimedChild'>;

/**
 * A child: claimed to be one, or under 18 on the calendar date `on` falls on in `timeZone`, the time zone of
 * the stay's centre (a birthday comes at the centre's midnight, not at UTC midnight).
 */
export function isChildAt(person: ChildPerson, stay: ChildStay, on: Date, timeZone: string): boolean {
  const age = ageOn(person.dateOfBirth ?? null, on, timeZone);
  return stay.claimedChild || (age !== null && age < 18);
}

/** The stay as the API shows it; `timeZone` is its centre's, for the age at admission. */
export function toStayResponse(stay: Stay, person: Person, timeZone: string): StayResponseDto {
  return {
    id: stay.id,
    personId: stay.personId,
    person: {
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
      languages: person.languages,
      preferredLanguage: person.preferredLanguage,
      nextOfKin: person.nextOfKin,
      forwardingAddress: person.forwardingAddress,
      version: person.version,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
    },
    centreId: stay.centreId,
    status: stay.status,
    admittedAt: stay.admittedAt,
    admittedById: stay.admittedById,
    arrivedAt: stay.arrivedAt,
    arrivalPlace: stay.arrivalPlace,
    broughtBy: stay.broughtBy,
    groupId: stay.groupId,
    accompaniedByStayId: stay.accompaniedByStayId,
    relationshipToAccompanying: stay.relationshipToAccompanying,
    ageAtAdmission: ageOn(person.dateOfBirth, stay.admittedAt, timeZone),
    child: isChildAt(person, stay, stay.admittedAt, timeZone),
    claimedChild: stay.claimedChild,
    unaccompanied: stay.unaccompanied,
    legalBasis: stay.legalBasis,
    accommodationUnit: stay.accommodationUnit,
    medicalScreeningDueAt: stay.medicalScreeningDueAt,
    medicalScreeningDoneAt: stay.medicalScreeningDoneAt,
    exitedAt: stay.exitedAt,
    releaseTo: stay.releaseTo,
    exitLegalBasis: stay.exitLegalBasis,
    exitAuthorisedById: stay.exitAuthorisedById,
    exitReport: stay.exitReport,
    version: stay.version,
    createdAt: stay.createdAt,
    updatedAt: stay.updatedAt,
  };
}
