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
      'identity.documents': 'Documentos de identidad',
      'identity.otherEvidence': 'Otras evidencias registradas',
      'identity.verification': 'Verificación a la salida',
      'identity.numberEnding': 'n.º {number}',
      'identity.checked': 'revisado: {method}',
      'identity.photos': 'fotografía del rostro ({count})',
      'identity.biometricReferences': 'referencia biométrica ({count})',
      'identity.distinguishingMarks': 'señas particulares ({count})',
      'identity.wristband': 'brazalete de identificación',
      'identity.verificationLine': '{result} ({methods}; {time})',
      'identity.docType.passport': 'Pasaporte',
      'identity.docType.national_id': 'Documento nacional de identidad',
      'identity.docType.birth_certificate': 'Acta de nacimiento',
      'identity.docType.consular_id': 'Identificación consular',
      'identity.docType.refugee_document': 'Documento de persona refugiada',
      'identity.docType.other': 'Otro documento',
      'identity.docType.none': 'Sin documento de identidad',
      'identity.checkMethod.visual': 'inspección visual',
      'identity.checkMethod.security_features': 'elementos de seguridad',
      'identity.checkMethod.issuer_registry': 'registro del emisor',
      'identity.checkMethod.consular_confirmation': 'confirmación consular',
      'identity.method.document': 'documento',
      'identity.method.photo': 'fotografía',
      'identity.method.wristband': 'brazalete',
      'identity.method.fingerprint': 'huella dactilar',
      'identity.method.questions': 'preguntas',
      'identity.result.MATCH': 'Coincide',
      'identity.result.MISMATCH': 'No coincide',
      'identity.result.INCONCLUSIVE': 'No concluyente',
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
      'identity.documents': 'Identity documents',
      'identity.otherEvidence': 'Other evidence on record',
      'identity.verification': 'Verification at release',
      'identity.numberEnding': 'no. {number}',
      'identity.checked': 'checked: {method}',
      'identity.photos': 'face photo ({count})',
      'identity.biometricReferences': 'biometric reference ({count})',
      'identity.distinguishingMarks': 'distinguishing marks ({count})',
      'identity.wristband': 'identification wristband',
      'identity.verificationLine': '{result} ({methods}; {time})',
      'identity.docType.passport': 'Passport',
      'identity.docType.national_id': 'National identity document',
      'identity.docType.birth_certificate': 'Birth certificate',
      'identity.docType.consular_id': 'Consular identification',
      'identity.docType.refugee_document': 'Refugee document',
      'identity.docType.other': 'Other document',
      'identity.docType.none': 'No identity document',
      'identity.checkMethod.visual': 'visual inspection',
      'identity.checkMethod.security_features': 'security features',
      'identity.checkMethod.issuer_registry': 'issuer registry',
      'identity.checkMethod.consular_confirmation': 'consular confirmation',
      'identity.method.document': 'document',
      'identity.method.photo': 'photo',
      'identity.method.wristband': 'wristband',
      'identity.method.fingerprint': 'fingerprint',
      'identity.method.questions': 'questions',
      'identity.result.MATCH': 'Match',
      'identity.result.MISMATCH': 'Mismatch',
      'identity.result.INCONCLUSIVE': 'Inconclusive',
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

    identitySection(pdf, t, vm.identity, tz);
    propertySection(pdf, t, 'returned', vm.returned);
  },
};

/** Kinds of evidence and the checks at release, in words: no number beyond the masked one the API shows. */
function identitySection(pdf: PdfComposer, t: Translate, identity: IdentitySummary | null, tz: string): void {
  pdf.heading(t('identity.heading'));
  if (!identity) {
    pdf.paragraph(t('notRecorded'));
    return;
  }
  const documents = identity.documents.map((d) => {
    const details = [
      d.issuingCountry,
      d.numberMasked && t('identity.numberEnding', { number: d.numberMasked }),
      d.checkMethod && t('identity.checked', { method: t(`identity.checkMethod.${d.checkMethod}`) }),
    ].filter(Boolean);
    const type = t(`identity.docType.${d.type}`);
    return details.length ? `${type} (${details.join(', ')})` : type;
  });
  pdf.field(t('identity.documents'), documents.join('; ') || t('none'));
  const other = [
    identity.photos && t('identity.photos', { count: identity.photos }),
    identity.biometricReferences &&
      t('identity.biometricReferences', { count: identity.biometricReferences }),
    identity.distinguishingMarks &&
      t('identity.distinguishingMarks', { count: identity.distinguishingMarks }),
    identity.wristband && t('identity.wristband'),
  ].filter(Boolean);
  pdf.field(t('identity.otherEvidence'), other.join(', ') || t('none'));
  if (identity.verifications.length === 0) {
    pdf.field(t('identity.verification'), t('notRecorded'));
  }
  identity.verifications.forEach((v, i) =>
    pdf.field(
      i === 0 ? t('identity.verification') : '',
      t('identity.verificationLine', {
        result: t(`identity.result.${v.result}`),
        methods: v.methods.map((m) => t(`identity.method.${m}`)).join(', '),
        time: formatDateTime(v.at, tz)!,
      }),
    ),
  );
}

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
