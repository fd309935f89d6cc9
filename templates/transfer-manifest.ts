import type { DocumentTemplate } from './document-template';
import { formatDateTime } from './format';
import { PERSON_WORDING, personSection } from './person-section';
import { propertySection } from './release-certificate';
import type { CentreSummary, PersonSummary, PropertyList } from './view-models';

export interface TransferManifestViewModel {
  transferId: string;
  from: CentreSummary;
  to: CentreSummary;
  requestedAt: string;
  departedAt: string | null;
  legalBasis: string | null;
  authorisedBy: string | null;
  people: Array<{ person: PersonSummary; stayId: string; admittedAt: string }>;
  /** From the property module, when it provides the section. */
  handedOver: PropertyList | null;
  /** Non-clinical care flags the receiving centre must know (never clinical text). */
  careFlags: string[] | null;
}

/** What travels with a person between centres: who, from where to where, on what basis, with what. */
export const transferManifestTemplate: DocumentTemplate<TransferManifestViewModel> = {
  type: 'transfer-manifest',
  wording: {
    es: {
      ...PERSON_WORDING.es,
      title: 'Manifiesto de traslado',
      intro: 'Traslado de {count} persona(s) de {from} a {to}.',
      'transfer.heading': 'Traslado',
      'transfer.from': 'Centro de origen',
      'transfer.to': 'Centro de destino',
      'transfer.requestedAt': 'Solicitado',
      'transfer.departedAt': 'Salida',
      'transfer.legalBasis': 'Fundamento legal',
      'transfer.authorisedBy': 'Autorizado por',
      'transfer.stay': 'Estancia de origen (ingreso {admitted})',
      'handedOver.heading': 'Pertenencias entregadas al centro de destino',
      'handedOver.item': 'Artículo',
      'handedOver.quantity': 'Cantidad',
      'handedOver.condition': 'Estado',
      'handedOver.cash': 'Efectivo entregado',
      'care.heading': 'Indicaciones de atención (no clínicas)',
    },
    en: {
      ...PERSON_WORDING.en,
      title: 'Transfer manifest',
      intro: 'Transfer of {count} person(s) from {from} to {to}.',
      'transfer.heading': 'Transfer',
      'transfer.from': 'Sending centre',
      'transfer.to': 'Receiving centre',
      'transfer.requestedAt': 'Requested',
      'transfer.departedAt': 'Departed',
      'transfer.legalBasis': 'Legal basis',
      'transfer.authorisedBy': 'Authorised by',
      'transfer.stay': 'Sending stay (admitted {admitted})',
      'handedOver.heading': 'Belongings handed to the receiving centre',
      'handedOver.item': 'Item',
      'handedOver.quantity': 'Quantity',
      'handedOver.condition': 'Condition',
      'handedOver.cash': 'Cash handed over',
      'care.heading': 'Care instructions (non-clinical)',
    },
  },
  render(pdf, vm, t) {
    const tz = vm.from.timeZone;
    pdf.paragraph(t('intro', { count: vm.people.length, from: vm.from.name, to: vm.to.name }));
    pdf.heading(t('transfer.heading'));
    pdf.field(t('transfer.from'), `${vm.from.name} (${vm.from.code})`);
    pdf.field(t('transfer.to'), `${vm.to.name} (${vm.to.code})`);
    pdf.field(t('transfer.requestedAt'), formatDateTime(vm.requestedAt, tz));
    pdf.field(t('transfer.departedAt'), formatDateTime(vm.departedAt, tz));
    pdf.field(t('transfer.legalBasis'), vm.legalBasis);
    pdf.field(t('transfer.authorisedBy'), vm.authorisedBy);
    for (const p of vm.people) {
      personSection(pdf, p.person, t);
      pdf.field(t('transfer.stay', { admitted: formatDateTime(p.admittedAt, tz)! }), p.stayId);
    }
    propertySection(pdf, t, 'handedOver', vm.handedOver);
    pdf.heading(t('care.heading'));
    if (!vm.careFlags) pdf.paragraph(t('notRecorded'));
    else if (vm.careFlags.length === 0) pdf.paragraph(t('none'));
    else for (const flag of vm.careFlags) pdf.paragraph(`• ${flag}`);
  },
};
