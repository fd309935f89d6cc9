import type { PdfComposer } from '../src/documents/rendering/pdf-composer';
import type { DocumentTemplate, Translate } from './document-template';
import { formatDateTime } from './format';
import { PERSON_WORDING, personSection } from './person-section';
import { CentreSummary, formatMinor, IdentitySummary, PersonSummary, PropertyList } from './view-models';

export interface ReleaseCertificateViewModel {
  person: PersonSummary;
  centre: CentreSummary;
  stay: {
    id: string;
    admittedAt: string;
    releasedAt: string | null;
    legalBasis: string | null;
    authorisedBy: string | null;
    destination: string | null;
  };
  /** From the identity module, when it provides the section. */
  identity: IdentitySummary | null;
  /** From the property module, when it provides the section. */
  returned: PropertyList | null;
}

/** The custody document a released person carries: who, where, from when to when, why, and what was returned. */
export const releaseCertificateTemplate: DocumentTemplate<ReleaseCertificateViewModel> = {
  type: 'release-certificate',
  wording: {
    es: {
      ...PERSON_WORDING.es,
      title: 'Constancia de salida',
      intro:
        'Se certifica que la persona abajo identificada permaneció en {centre} y salió en la fecha indicada.',
      'stay.heading': 'Estancia',
      'stay.centre': 'Centro',
      'stay.admittedAt': 'Ingreso',
      'stay.releasedAt': 'Salida',
      'stay.legalBasis': 'Fundamento legal de la salida',
      'stay.authorisedBy': 'Autorizada por',
      'stay.destination': 'Destino',
      'identity.heading': 'Resumen de identidad',
      'identity.evidence': 'Evidencias registradas',
      'identity.verification': 'Verificación a la salida',
      'returned.heading': 'Pertenencias devueltas',
      'returned.item': 'Artículo',
      'returned.quantity': 'Cantidad',
      'returned.condition': 'Estado',
      'returned.cash': 'Efectivo devuelto',
      'destination.REPATRIATION': 'Repatriación',
      'destination.CHILD_PROTECTION_AUTHORITY': 'Autoridad de protección de la niñez',
      'destination.FAMILY': 'Familia',
      'destination.ASYLUM_PROCEDURE': 'Procedimiento de asilo',
      'destination.OTHER': 'Otro',
    },
    en: {
      ...PERSON_WORDING.en,
      title: 'Release certificate',
      intro: 'This certifies that the person identified below stayed at {centre} and left on the date shown.',
      'stay.heading': 'Stay',
      'stay.centre': 'Centre',
      'stay.admittedAt': 'Admitted',
      'stay.releasedAt': 'Released',
      'stay.legalBasis': 'Legal basis for release',
      'stay.authorisedBy': 'Authorised by',
      'stay.destination': 'Destination',
      'identity.heading': 'Identity summary',
      'identity.evidence': 'Evidence on record',
      'identity.verification': 'Verification at release',
      'returned.heading': 'Belongings returned',
      'returned.item': 'Item',
      'returned.quantity': 'Quantity',
      'returned.condition': 'Condition',
      'returned.cash': 'Cash returned',
      'destination.REPATRIATION': 'Repatriation',
      'destination.CHILD_PROTECTION_AUTHORITY': 'Child protection authority',
      'destination.FAMILY': 'Family',
      'destination.ASYLUM_PROCEDURE': 'Asylum procedure',
      'destination.OTHER': 'Other',
    },
  },
  render(pdf, vm, t) {
    const tz = vm.centre.timeZone;
    pdf.paragraph(t('intro', { centre: vm.centre.name }));
    personSection(pdf, vm.person, t);
    pdf.heading(t('stay.heading'));
    pdf.field(t('stay.centre'), `${vm.centre.name} (${vm.centre.code})`);
    pdf.field(t('stay.admittedAt'), formatDateTime(vm.stay.admittedAt, tz));
    pdf.field(t('stay.releasedAt'), formatDateTime(vm.stay.releasedAt, tz));
    pdf.field(t('stay.legalBasis'), vm.stay.legalBasis);
    pdf.field(t('stay.authorisedBy'), vm.stay.authorisedBy);
    pdf.field(t('stay.destination'), vm.stay.destination && t(`destination.${vm.stay.destination}`));

    pdf.heading(t('identity.heading'));
    if (!vm.identity) {
      pdf.paragraph(t('notRecorded'));
    } else {
      pdf.field(t('identity.evidence'), vm.identity.evidence.join(', ') || t('none'));
      const v = vm.identity.verification;
      pdf.field(
        t('identity.verification'),
        v ? `${v.result} (${v.method}, ${formatDateTime(v.at, tz)})` : null,
      );
    }
    propertySection(pdf, t, 'returned', vm.returned);
  },
};

/** A list of belongings and cash; `prefix` picks the wording (returned.*, handedOver.*). */
export function propertySection(
  pdf: PdfComposer,
  t: Translate,
  prefix: string,
  list: PropertyList | null,
): void {
  pdf.heading(t(`${prefix}.heading`));
  if (!list) {
    pdf.paragraph(t('notRecorded'));
    return;
  }
  if (list.items.length === 0 && list.cash.length === 0) {
    pdf.paragraph(t('none'));
    return;
  }
  if (list.items.length > 0) {
    pdf.table(
      [
        { header: t(`${prefix}.item`), share: 0.6 },
        { header: t(`${prefix}.quantity`), share: 0.15 },
        { header: t(`${prefix}.condition`), share: 0.25 },
      ],
      list.items.map((i) => [
        i.seal ? `${i.description} [${i.seal}]` : i.description,
        i.quantity,
        i.condition ?? null,
      ]),
    );
  }
  for (const c of list.cash) {
    pdf.field(t(`${prefix}.cash`), `${formatMinor(c.amountMinor, c.minorDigits ?? 2)} ${c.currency}`);
  }
}
