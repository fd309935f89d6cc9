import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { NotFoundInScope, RuleViolation } from '../../common/errors/domain.exception';
import { updateVersioned } from '../../common/persistence/versioned-update';
import { DocumentsService } from '../../documents/documents.service';
import { PROPERTY_RECEIPT_DOCUMENT } from './receipt-document.type';
import { AcknowledgeReceiptDto } from '../dto/receipt-acknowledge.dto';
import { PropertyClaim } from '../entities/property-claim.entity';
import { PropertyReceipt, ReceiptLines, ReceiptRecipient } from '../entities/property-receipt.entity';
import { PropertyScopeService, StayScope } from '../property-scope.service';
import { ReceiptImmutable } from '../property.exceptions';
import { ReceiptType } from '../property.enums';

/** Receipts: numbered when drawn up, acknowledged by the person and the officer(s), then never changed. */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PropertyScopeService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  /** Draws up a numbered receipt inside the caller's transaction. */
  async create(
    m: EntityManager,
    actor: Actor,
    { stay, centre }: StayScope,
    type: ReceiptType,
    lines: ReceiptLines,
    receivingCentreId: string | null = null,
    recipient: ReceiptRecipient | null = null,
  ): Promise<PropertyReceipt> {
    const { number, year, seq } = await this.scope.nextReceiptNumber(m, centre);
    const receipt = await m.getRepository(PropertyReceipt).save(
      m.create(PropertyReceipt, {
        centreId: centre.id,
        stayId: stay.id,
        personId: stay.personId,
        type,
        number,
        year,
        seq,
        lines,
        receivingCentreId,
        snapshot: {
          centre: { name: centre.name, code: centre.code, timeZone: centre.timeZone },
          officers: [],
          refusalWitness: null,
          recipient,
        },
        language: stay.person?.preferredLanguage ?? 'es',
        createdBy: actor.id,
      }),
    );
    await this.audit.record(m, actor, {
      action: 'property.receipt.create',
      entityType: 'property_receipt',
      entityId: receipt.id,
      centreId: centre.id,
      details: {
        stayId: stay.id,
        number,
        type,
        items: lines.items.length,
        cash: lines.cash.map((c) => c.amount),
        claims: lines.claims.map((c) => c.reference),
      },
    });
    return receipt;
  }

  async get(actor: Actor, id: string): Promise<PropertyReceipt> {
    const receipt = await this.dataSource.getRepository(PropertyReceipt).findOneBy({ id });
    if (!receipt) throw new NotFoundInScope('Receipt');
    await this.scope.requireStay(actor, receipt.stayId).catch(() => {
      throw new NotFoundInScope('Receipt');
    });
    return receipt;
  }

  listForStay(stayId: string, m: EntityManager = this.dataSource.manager): Promise<PropertyReceipt[]> {
    return m.getRepository(PropertyReceipt).find({ where: { stayId }, order: { seq: 'ASC' } });
  }

  /**
   * The person signs (or refuses before a witness) and the officers sign. A return or transfer receipt lists
   * every claim of the stay at this moment, so the person leaves with the claim references.
   */
  async acknowledge(actor: Actor, id: string, dto: AcknowledgeReceiptDto): Promise<PropertyReceipt> {
    const receipt = await this.get(actor, id);
    if (receipt.acknowledgedAt) throw new ReceiptImmutable(receipt.number);
    const person = await this.scope.personAcknowledgement(actor, receipt.centreId, dto.person, 'person');
    const others = [...new Set(dto.otherOfficerIds ?? [])];
    // The witness of a refusal attests for the person: they cannot also sign as one of the receipt's officers.
    if (person.witnessId && others.includes(person.witnessId)) {
      throw new RuleViolation(
        'WITNESS_INVALID',
        'The witness of the refusal cannot also sign as an officer',
        [
          {
            field: 'otherOfficerIds',
            message: 'must not contain the witness of the refusal (person.witnessId)',
          },
        ],
      );
    }
    const officers = [{ id: actor.id, name: actor.displayName }];
    for (const id of others) {
      officers.push({
        id,
        name: await this.scope.assertWitness(actor, receipt.centreId, id, 'otherOfficerIds'),
      });
    }
    await this.dataSource.transaction(async (m) => {
      let lines = receipt.lines;
      if (receipt.type === ReceiptType.Return || receipt.type === ReceiptType.Transfer) {
        const claims = await m
          .getRepository(PropertyClaim)
          .find({ where: { stayId: receipt.stayId }, order: { openedAt: 'ASC' } });
        lines = {
          ...lines,
          claims: claims.map((c) => ({ reference: c.reference, kind: c.kind, summary: c.report })),
        };
      }
      await updateVersioned(
        m,
        PropertyReceipt,
        id,
        dto.version,
        {
          lines: lines as never,
          signatureSha256: person.signatureSha256 ?? null,
          refusedToSign: person.refusedToSign ?? false,
          refusalWitnessId: person.witnessId ?? null,
          officerIds: [actor.id, ...others],
          snapshot: {
            ...receipt.snapshot,
            officers,
            refusalWitness: person.witnessId ? { id: person.witnessId, name: person.witnessName! } : null,
          } as never,
          acknowledgedAt: () => 'now()',
        },
        'Receipt',
      );
      // The person's copy: a PDF of the receipt as acknowledged, queued in this transaction.
      const document = await this.documents.requestInTransaction(m, actor, {
        type: PROPERTY_RECEIPT_DOCUMENT,
        subjectId: id,
      });
      await m.update(PropertyReceipt, { id }, { documentId: document.id });
      await this.audit.record(m, actor, {
        action: 'property.receipt.acknowledge',
        entityType: 'property_receipt',
        entityId: id,
        centreId: receipt.centreId,
        details: {
          number: receipt.number,
          refusedToSign: person.refusedToSign ?? false,
          officers: [actor.id, ...others],
          claims: lines.claims.map((c) => c.reference),
        },
      });
    });
    return this.get(actor, id);
  }
}
