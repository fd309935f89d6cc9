import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { propertyReceiptTemplate, PropertyReceiptViewModel } from '../../../templates/property-receipt';
import type { PropertyList } from '../../../templates/view-models';
import {
  personSummary,
  RELEASE_RETURNED_PROPERTY,
  TRANSFER_HANDED_OVER,
} from '../../documents/stay-documents/stay-documents';
import { DocumentContributions } from '../../documents/types/document-contributions';
import { DocumentTypeRegistry } from '../../documents/types/document-type.registry';
import { TransfersService } from '../../admissions/transfers.service';
import { PersonsService } from '../../persons/persons.service';
import { IsNull, Not } from 'typeorm';
import { PropertyReceipt } from '../entities/property-receipt.entity';
import { ReceiptLines } from '../entities/property-receipt.entity';
import { ReceiptType } from '../property.enums';
import { reversedTransferReceipts } from './reversed-transfer-receipts';
import { currencyExponent } from '../rules/money';

export const PROPERTY_RECEIPT_DOCUMENT = propertyReceiptTemplate.type;

/** The property receipt as a PDF of record, in the person's language, printed from the acknowledged receipt. */
@Injectable()
export class ReceiptDocumentType implements OnModuleInit {
  constructor(
    private readonly registry: DocumentTypeRegistry,
    private readonly persons: PersonsService,
    private readonly contributions: DocumentContributions,
    private readonly transfers: TransfersService,
  ) {}

  onModuleInit(): void {
    this.registry.register<PropertyReceiptViewModel>({
      type: PROPERTY_RECEIPT_DOCUMENT,
      subjectType: 'property_receipt',
      template: propertyReceiptTemplate,
      holder: async (m, id) => {
        const receipt = await m.getRepository(PropertyReceipt).findOneBy({ id });
        return receipt && this.persons.findById(receipt.personId, m);
      },
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
    // The transfer manifest states what travels with the person: the lines of the stay's acknowledged transfer
    // receipts addressed to the transfer's receiving centre (what the escort signed for).
    this.contributions.provide<PropertyList>(TRANSFER_HANDED_OVER, (m, stayId) => this.handedOver(m, stayId));
  }

  private async returned(m: EntityManager, stayId: string): Promise<PropertyList> {
    const receipts = await m.getRepository(PropertyReceipt).find({
      where: { stayId, type: ReceiptType.Return, acknowledgedAt: Not(IsNull()) },
      order: { seq: 'ASC' },
    });
    return propertyList(receipts.map((r) => r.lines));
  }

  private async handedOver(m: EntityManager, stayId: string): Promise<PropertyList | null> {
    const transfer = await this.transfers.latestOf(m, stayId);
    if (!transfer) return null;
    const receipts = await m.getRepository(PropertyReceipt).find({
      where: {
        stayId,
        type: ReceiptType.Transfer,
        receivingCentreId: transfer.toCentreId,
        acknowledgedAt: Not(IsNull()),
      },
      order: { seq: 'ASC' },
    });
    // A handover taken back into store (a transfer cancelled or rejected before) no longer travels.
    const reversed = await reversedTransferReceipts(m, stayId);
    return propertyList(receipts.filter((r) => !reversed.has(r.id)).map((r) => r.lines));
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
      recipient: receipt.snapshot.recipient ?? null,
    };
  }
}

/** Receipt lines as the stay documents print them: items with their seal, and cash in minor units. */
function propertyList(lines: ReceiptLines[]): PropertyList {
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
