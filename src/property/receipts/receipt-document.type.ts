import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { propertyReceiptTemplate, PropertyReceiptViewModel } from '../../../templates/property-receipt';
import type { PropertyList } from '../../../templates/view-models';
import { personSummary, RELEASE_RETURNED_PROPERTY } from '../../documents/stay-documents/stay-documents';
import { DocumentContributions } from '../../documents/types/document-contributions';
import { DocumentTypeRegistry } from '../../documents/types/document-type.registry';
import { PersonsService } from '../../persons/persons.service';
import { IsNull, Not } from 'typeorm';
import { PropertyReceipt } from '../entities/property-receipt.entity';
import { ReceiptType } from '../property.enums';
import { currencyExponent } from '../rules/money';

export const PROPERTY_RECEIPT_DOCUMENT = propertyReceiptTemplate.type;

/** The property receipt as a PDF of record, in the person's language, printed from the acknowledged receipt. */
@Injectable()
export class ReceiptDocumentType implements OnModuleInit {
  constructor(
    private readonly registry: DocumentTypeRegistry,
    private readonly persons: PersonsService,
    private readonly contributions: DocumentContributions,
  ) {}

  onModuleInit(): void {
    this.registry.register<PropertyReceiptViewModel>({
      type: PROPERTY_RECEIPT_DOCUMENT,
      subjectType: 'property_receipt',
      template: propertyReceiptTemplate,
      locate: async (m, id) => {
        const receipt = await m.getRepository(PropertyReceipt).findOneBy({ id });
        return receipt && { centreId: receipt.centreId, language: receipt.language };
      },
      load: (m, id) => this.load(m, id),
    });
    // The release certificate states what was given back: the lines of the stay's acknowledged return receipts.
    this.contributions.provide<PropertyList>(RELEASE_RETURNED_PROPERTY, (m, stayId) =>
      this.returned(m, stayId),
    );
  }

  private async returned(m: EntityManager, stayId: string): Promise<PropertyList> {
    const receipts = await m.getRepository(PropertyReceipt).find({
      where: { stayId, type: ReceiptType.Return, acknowledgedAt: Not(IsNull()) },
      order: { seq: 'ASC' },
    });
    const lines = receipts.map((r) => r.lines);
    return {
      items: lines.flatMap((l) =>
        l.items.map((i) => ({
          description: i.description,
          quantity: i.quantity,
          condition: i.condition,
          seal: i.sealNumber,
        })),
      ),
      cash: lines.flatMap((l) =>
        l.cash.map((c) => ({
          currency: c.currency,
          amountMinor: c.amountMinor,
          minorDigits: currencyExponent(c.currency),
        })),
      ),
    };
  }

  private async load(m: EntityManager, id: string): Promise<PropertyReceiptViewModel | null> {
    const receipt = await m.getRepository(PropertyReceipt).findOneBy({ id });
    const person = receipt && (await this.persons.findById(receipt.personId, m));
    if (!receipt || !person) return null;
    return {
      number: receipt.number,
      type: receipt.type as PropertyReceiptViewModel['type'],
      centre: receipt.snapshot.centre,
      person: personSummary(person),
      acknowledgedAt: receipt.acknowledgedAt ? receipt.acknowledgedAt.toISOString() : null,
      refusedToSign: receipt.refusedToSign,
      refusalWitness: receipt.snapshot.refusalWitness?.name ?? null,
      officers: receipt.snapshot.officers.map((o) => o.name),
      items: receipt.lines.items.map((i) => ({
        description: i.description,
        category: i.category,
        quantity: i.quantity,
        condition: i.condition,
        serialNumber: i.serialNumber,
        sealNumber: i.sealNumber,
        witnessName: i.witnessName,
      })),
      cash: receipt.lines.cash.map((c) => c.amount),
      claims: receipt.lines.claims.map((c) => ({ reference: c.reference, kind: c.kind })),
    };
  }
}
