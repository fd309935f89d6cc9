import type { DocumentTemplate } from './document-template';
import { formatDateTime } from './format';
import { PERSON_WORDING, personSection } from './person-section';
import type { PersonSummary } from './view-models';

export interface PropertyReceiptViewModel {
  number: string;
  type: 'intake' | 'amendment' | 'return' | 'transfer';
  centre: { name: string; code: string; timeZone: string };
  person: PersonSummary;
  acknowledgedAt: string | null;
  refusedToSign: boolean;
  refusalWitness: string | null;
  officers: string[];
  items: Array<{
    description: string;
    category: string;
    quantity: number;
    condition: string;
    serialNumber: string | null;
    sealNumber: string | null;
    witnessName: string | null;
  }>;
  /** Amounts exactly as printed at acknowledgement ("120.00 USD"). */
  cash: string[];
  claims: Array<{ reference: string; kind: string }>;
  /** Who took the belongings when it was not the person (a return after a death: next of kin, say). */
  recipient: { name: string; relationship: string } | null;
}

/** The receipt a person gets for what was taken, added, returned or handed over: every item and amount. */
export const propertyReceiptTemplate: DocumentTemplate<PropertyReceiptViewModel> = {
  type: 'property-receipt',
  wording: {
    es: {
      ...PERSON_WORDING.es,
      title: 'Recibo de pertenencias',
      number: 'Número de recibo',
      'type.intake': 'Pertenencias recibidas al ingreso en {centre}.',
      'type.amendment': 'Pertenencias añadidas al inventario en {centre}.',
      'type.return': 'Pertenencias devueltas a la persona por {centre}.',
      'type.returnTo': 'Pertenencias de la persona entregadas por {centre} a {name} ({relationship}).',
      'type.transfer': 'Pertenencias entregadas para el traslado desde {centre}.',
      'items.heading': 'Artículos',
      'items.description': 'Descripción',
      'items.quantity': 'Cant.',
      'items.condition': 'Estado',
      'items.seal': 'Precinto',
      'cash.heading': 'Efectivo',
      'claims.heading': 'Reclamaciones abiertas (pertenencias perdidas o dañadas)',
      'ack.heading': 'Conformidad',
      'ack.at': 'Firmado',
      'ack.person': 'La persona firmó este recibo.',
      'ack.refused': 'La persona se negó a firmar ante el testigo {witness}.',
      'ack.recipient': '{name} firmó este recibo.',
      'ack.recipientRefused': '{name} se negó a firmar ante el testigo {witness}.',
      'ack.pending': 'Pendiente de firma.',
      'ack.officers': 'Funcionarios',
      rights:
        'La persona tiene derecho a recuperar todas sus pertenencias, en la misma moneda en que se recibieron.',
    },
    en: {
      ...PERSON_WORDING.en,
      title: 'Property receipt',
      number: 'Receipt number',
      'type.intake': 'Belongings received at admission to {centre}.',
      'type.amendment': 'Belongings added to the inventory at {centre}.',
      'type.return': 'Belongings returned to the person by {centre}.',
      'type.returnTo': "The person's belongings, handed by {centre} to {name} ({relationship}).",
      'type.transfer': 'Belongings handed over for the transfer from {centre}.',
      'items.heading': 'Items',
      'items.description': 'Description',
      'items.quantity': 'Qty',
      'items.condition': 'Condition',
      'items.seal': 'Seal',
      'cash.heading': 'Cash',
      'claims.heading': 'Open claims (lost or damaged belongings)',
      'ack.heading': 'Acknowledgement',
      'ack.at': 'Signed',
      'ack.person': 'The person signed this receipt.',
      'ack.refused': 'The person refused to sign, before the witness {witness}.',
      'ack.recipient': '{name} signed this receipt.',
      'ack.recipientRefused': '{name} refused to sign, before the witness {witness}.',
      'ack.pending': 'Not signed yet.',
      'ack.officers': 'Officers',
      rights: 'The person has the right to get all of their belongings back, in the currency they came in.',
    },
  },
  render(pdf, vm, t) {
    const centre = `${vm.centre.name} (${vm.centre.code})`;
    const recipient = vm.type === 'return' ? vm.recipient : null;
    pdf.paragraph(
      recipient ? t('type.returnTo', { centre, ...recipient }) : t(`type.${vm.type}`, { centre }),
    );
    pdf.field(t('number'), vm.number);
    personSection(pdf, vm.person, t);
    pdf.heading(t('items.heading'));
    if (vm.items.length === 0) pdf.paragraph(t('none'));
    else
      pdf.table(
        [
          { header: t('items.description'), share: 0.5 },
          { header: t('items.quantity'), share: 0.1 },
          { header: t('items.condition'), share: 0.2 },
          { header: t('items.seal'), share: 0.2 },
        ],
        vm.items.map((i) => [
          [i.description, i.serialNumber].filter(Boolean).join(' · '),
          i.quantity,
          i.condition,
          i.sealNumber,
        ]),
      );
    pdf.heading(t('cash.heading'));
    if (vm.cash.length === 0) pdf.paragraph(t('none'));
    for (const amount of vm.cash) pdf.paragraph(amount);
    if (vm.claims.length > 0) {
      pdf.heading(t('claims.heading'));
      for (const c of vm.claims) pdf.paragraph(`${c.reference} (${c.kind})`);
    }
    pdf.heading(t('ack.heading'));
    if (!vm.acknowledgedAt) pdf.paragraph(t('ack.pending'));
    else {
      pdf.field(t('ack.at'), formatDateTime(vm.acknowledgedAt, vm.centre.timeZone));
      const witness = vm.refusalWitness ?? '';
      pdf.paragraph(
        recipient
          ? vm.refusedToSign
            ? t('ack.recipientRefused', { name: recipient.name, witness })
            : t('ack.recipient', { name: recipient.name })
          : vm.refusedToSign
            ? t('ack.refused', { witness })
            : t('ack.person'),
      );
      pdf.field(t('ack.officers'), vm.officers.join(', '));
    }
    pdf.gap(10);
    pdf.paragraph(t('rights'), { size: 9 });
  },
};
