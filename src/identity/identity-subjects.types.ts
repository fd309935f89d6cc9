/** What the identity module needs to know about a stay and a person, as the admission module tells it. */
export interface StaySubject {
  id: string;
  personId: string;
  centreId: string;
  status: string;
}

export interface PersonSubject {
  id: string;
  fullName: string;
  dateOfBirth: string | null;
  dateOfBirthApproximate: boolean;
  nationalities: string[];
}
