import type { PdfComposer } from '../src/documents/rendering/pdf-composer';
import type { Translate } from './document-template';
import { dateOfBirthLabel, PersonSummary, sexLabel } from './view-models';

/** The identity block every stay document starts with. Labels: person.* in each template's wording. */
export function personSection(pdf: PdfComposer, person: PersonSummary, t: Translate): void {
  pdf.heading(t('person.heading'));
  pdf.field(t('person.name'), person.fullName);
  if (person.originalScriptName) pdf.field(t('person.originalName'), person.originalScriptName);
  pdf.field(t('person.sex'), sexLabel(t, person.sex));
  pdf.field(t('person.dateOfBirth'), dateOfBirthLabel(t, person));
  pdf.field(t('person.nationalities'), person.nationalities.join(', '));
  pdf.field(t('person.id'), person.personId);
}

export const PERSON_WORDING = {
  es: {
    'person.heading': 'Persona',
    'person.name': 'Nombre',
    'person.originalName': 'Nombre en escritura original',
    'person.sex': 'Sexo',
    'person.dateOfBirth': 'Fecha de nacimiento',
    'person.nationalities': 'Nacionalidad(es)',
    'person.id': 'Identificador de persona',
  },
  en: {
    'person.heading': 'Person',
    'person.name': 'Name',
    'person.originalName': 'Name in original script',
    'person.sex': 'Sex',
    'person.dateOfBirth': 'Date of birth',
    'person.nationalities': 'Nationality(ies)',
    'person.id': 'Person identifier',
  },
};
