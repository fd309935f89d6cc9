import { Person } from '../persons/entities/person.entity';
import { ageOn } from '../persons/persons.service';
import { StayResponseDto } from './dto/stay-response.dto';
import { Stay } from './entities/stay.entity';

export const isChildAt = (
  person: { dateOfBirth?: string | null },
  stay: Pick<Stay, 'claimedChild'>,
  on: Date,
): boolean => {
  const age = ageOn(person.dateOfBirth ?? null, on);
  return stay.claimedChild || (age !== null && age < 18);
};

export function toStayResponse(stay: Stay, person: Person): StayResponseDto {
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
    ageAtAdmission: ageOn(person.dateOfBirth, stay.admittedAt),
    child: isChildAt(person, stay, stay.admittedAt),
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
