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

export interface ChildStatus {
  /** A child by the screening in force or by today's record (a date of birth corrected since counts). */
  child: boolean;
  /** A manager's override (an age dispute) stands for the child the screening saw; one taken for an adult has none. */
  overridden: boolean;
  /** Screened as a child, if a child: a screening that took them for an adult has weighed no child's referrals. */
  screened: boolean;
}

/** The one reading of "is this stay a child's" for the exit gates and the rules about centres. */
export function childStatusOf(
  person: ChildPerson,
  stay: ChildStay,
  screening: { child: boolean; overrideReason: string | null } | null,
  on: Date,
  timeZone: string,
): ChildStatus {
  const childToday = isChildAt(person, stay, on, timeZone);
  if (!screening || (childToday && !screening.child)) {
    return { child: childToday, overridden: false, screened: false };
  }
  return {
    child: screening.child || childToday,
    overridden: screening.child && screening.overrideReason !== null,
    screened: true,
  };
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
    exitRecordedAt: stay.exitRecordedAt,
    releaseTo: stay.releaseTo,
    exitLegalBasis: stay.exitLegalBasis,
    exitAuthorisedById: stay.exitAuthorisedById,
    exitReport: stay.exitReport,
    version: stay.version,
    createdAt: stay.createdAt,
    updatedAt: stay.updatedAt,
  };
}
