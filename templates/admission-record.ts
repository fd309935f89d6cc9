import type { DocumentTemplate } from './document-template';
import { formatDateTime } from './format';
import { PERSON_WORDING, personSection } from './person-section';
import type { CentreSummary, PersonSummary } from './view-models';

export interface AdmissionRecordViewModel {
  person: PersonSummary;
  centre: CentreSummary;
  stay: {
    id: string;
    admittedAt: string;
    arrivalPlace: string | null;
    broughtBy: string | null;
    legalBasis: string | null;
    accommodationUnit: string | null;
    admittedBy: string | null;
  };
}

/** The record of a person's admission to a centre: who, where, when, on what basis. */
export const admissionRecordTemplate: DocumentTemplate<AdmissionRecordViewModel> = {
  type: 'admission-record',
  wording: {
    es: {
      ...PERSON_WORDING.es,
      title: 'Acta de ingreso',
      intro: 'Se hace constar el ingreso de la persona abajo identificada en el centro {centre}.',
      'stay.heading': 'Ingreso',
      'stay.centre': 'Centro',
      'stay.admittedAt': 'Fecha y hora de ingreso',
      'stay.arrivalPlace': 'Lugar de llegada',
      'stay.broughtBy': 'Puesto a disposición por',
      'stay.legalBasis': 'Fundamento legal',
      'stay.unit': 'Unidad de alojamiento',
      'stay.admittedBy': 'Registrado por',
      'stay.id': 'Identificador de estancia',
      rights:
        'La persona tiene derecho a recibir un recibo de sus pertenencias, a la confidencialidad de su ' +
        'información de salud y a comunicarse con su consulado.',
    },
    en: {
      ...PERSON_WORDING.en,
      title: 'Admission record',
      intro: 'This records the admission of the person identified below to {centre}.',
      'stay.heading': 'Admission',
      'stay.centre': 'Centre',
      'stay.admittedAt': 'Admitted at',
      'stay.arrivalPlace': 'Place of arrival',
      'stay.broughtBy': 'Brought by',
      'stay.legalBasis': 'Legal basis',
      'stay.unit': 'Accommodation unit',
      'stay.admittedBy': 'Registered by',
      'stay.id': 'Stay identifier',
      rights:
        'The person has the right to a receipt for their belongings, to the confidentiality of their health ' +
        'information and to contact their consulate.',
    },
  },
  render(pdf, vm, t) {
    pdf.paragraph(t('intro', { centre: vm.centre.name }));
    personSection(pdf, vm.person, t);
    pdf.heading(t('stay.heading'));
    pdf.field(t('stay.centre'), `${vm.centre.name} (${vm.centre.code})`);
    pdf.field(t('stay.admittedAt'), formatDateTime(vm.stay.admittedAt, vm.centre.timeZone));
    pdf.field(t('stay.arrivalPlace'), vm.stay.arrivalPlace);
    pdf.field(t('stay.broughtBy'), vm.stay.broughtBy);
    pdf.field(t('stay.legalBasis'), vm.stay.legalBasis);
    pdf.field(t('stay.unit'), vm.stay.accommodationUnit);
    pdf.field(t('stay.admittedBy'), vm.stay.admittedBy);
    pdf.field(t('stay.id'), vm.stay.id);
    pdf.gap(10);
    pdf.paragraph(t('rights'), { size: 9 });
  },
};
