import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Stay, StayStatus } from '../../admissions/entities/stay.entity';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { Conflict, RuleViolation } from '../../common/errors/domain.exception';
import { updateVersioned } from '../../common/persistence/versioned-update';
import { LossReportDto, ReturnPropertyDto } from '../dto/exit-operations.dto';
import { StayPropertyResponseDto } from '../dto/property-responses.dto';
import { CashAccount } from '../entities/cash-account.entity';
import { PropertyBag } from '../entities/property-bag.entity';
import { PropertyClaim } from '../entities/property-claim.entity';
import { PropertyItem } from '../entities/property-item.entity';
import { PropertyReceipt, ReceiptRecipient } from '../entities/property-receipt.entity';
import { SealDiscrepancy } from '../entities/seal-discrepancy.entity';
import { CashService } from '../cash/cash.service';
import { ItemsService } from '../items/items.service';
import { PropertyScopeService, StayScope } from '../property-scope.service';
import { CashMovementType, ClaimKind, ItemMovementType, ItemStatus, ReceiptType } from '../property.enums';
import { cashLine, itemLine, toCashAccountResponse } from '../property.mapper';
import { ReceiptsService } from '../receipts/receipts.service';
import { transferReceiptStates } from '../receipts/reversed-transfer-receipts';
import { outstandingProperty, PropertyState, ReconcileKind } from '../rules/reconciliation';
import { awaitingArrival, cashInTransit, lockHandover } from '../transfers/handover-in-transit';

/** Returning belongings at release, loss and damage reports, and what still blocks an exit. */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PropertyScopeService,
    private readonly items: ItemsService,
    private readonly cash: CashService,
    private readonly receipts: ReceiptsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Hands belongings back to the person (default: everything held), with a numbered return receipt. Also on an
   * `open` stay that has ended, by a centre manager before a witness (nobody is left to object): after
   * ABSCONDED to the person in person, held here again or come to claim them, never while another centre holds
   * them (under this record or one merged with it); after DECEASED to whoever the receipt names. A RELEASED or
   * TRANSFERRED stay is read-only (409 STAY_READ_ONLY).
   */
  async returnProperty(actor: Actor, stayId: string, dto: ReturnPropertyDto): Promise<PropertyReceipt> {
    return this.scope.inLockedStay(
      actor,
      stayId,
      dto.witnessId,
      (m, scope, witnessName) => this.returnIn(m, actor, scope, dto, witnessName),
      'open',
    );
  }

  private async returnIn(
    m: EntityManager,
    actor: Actor,
    scope: StayScope,
    dto: ReturnPropertyDto,
    witnessName: string | null,
  ): Promise<PropertyReceipt> {
    const stayId = scope.stay.id;
    const recipient = this.recipientOf(scope.stay, dto);
    if (this.scope.isExited(scope.stay)) await this.assertReturnAfterExit(m, actor, scope, dto);
    const repo = m.getRepository(PropertyItem);
    const items = dto.itemIds
      ? await repo.findBy({ stayId, id: In(dto.itemIds) })
      : await repo.findBy({ stayId, status: In([ItemStatus.Held, ItemStatus.OutTemporarily]) });
    if (dto.itemIds && items.length !== new Set(dto.itemIds).size) {
      throw new RuleViolation('UNKNOWN_ITEM', 'Some items are not held for this stay', [
        { field: 'itemIds', message: 'contains an id that is not an item of this stay' },
      ]);
    }
    const notHeld = items.filter((i) => i.status !== ItemStatus.Held);
    if (notHeld.length) {
      throw new Conflict(
        'ITEM_NOT_HELD',
        `Not in store, cannot be returned: ${notHeld.map((i) => `"${i.description}" (${i.status})`).join(', ')}`,
        [{ field: 'itemIds', message: 'an item taken out temporarily must be brought back first' }],
      );
    }
    const valuables = items.filter((i) => i.valuable);
    if (valuables.length) {
      if (!dto.witnessId) {
        throw new RuleViolation('WITNESS_REQUIRED', 'Returning valuables needs a second officer as witness', [
          { field: 'witnessId', message: 'is required when valuables are returned' },
        ]);
      }
    }
    const accounts = await this.cash.accounts(stayId, m);
    const cash =
      dto.cash ??
      accounts
        .filter((a) => a.balanceMinor > 0)
        .map((a) => ({ currency: a.currency, amountMinor: a.balanceMinor }));
    const claims = await m.getRepository(PropertyClaim).findBy({ stayId });
    if (!items.length && !cash.length && !claims.length) {
      throw new RuleViolation('NOTHING_TO_RETURN', 'Nothing is held for this stay');
    }
    const bags = await m.getRepository(PropertyBag).findBy({ stayId });
    const bagById = new Map(bags.map((b) => [b.id, b]));
    // The movements say who took the belongings, as the receipt does.
    const handedTo = recipient
      ? `handed to ${recipient.name} (${recipient.relationship})`
      : 'returned to the person';
    const receipt = await this.receipts.create(
      m,
      actor,
      scope,
      ReceiptType.Return,
      {
        items: items.map((i) => itemLine(i, bagById, i.valuable ? dto.witnessId! : null, witnessName)),
        cash: cash.map((c) => cashLine(c.currency, c.amountMinor)),
        claims: claims.map((c) => ({ reference: c.reference, kind: c.kind, summary: c.report })),
      },
      null,
      recipient,
    );
    for (const item of items) {
      await repo.update({ id: item.id }, {
        status: ItemStatus.Returned,
        returnWitnessId: item.valuable ? dto.witnessId! : null,
        version: () => 'version + 1',
      } as never);
      await this.items.record(m, actor, item, {
        type: ItemMovementType.ReturnedToPerson,
        toStatus: ItemStatus.Returned,
        toLocation: handedTo,
        witnessId: item.valuable ? dto.witnessId! : null,
        receiptId: receipt.id,
      });
    }
    for (const [i, c] of cash.entries()) {
      // Money goes back in the currency it came in: there is no conversion anywhere in this module.
      await this.cash.apply(m, actor, {
        centreId: scope.centre.id,
        stayId,
        personId: scope.stay.personId,
        currency: c.currency,
        amountMinor: -c.amountMinor,
        type: CashMovementType.ReturnedToPerson,
        purpose: recipient ? handedTo : null,
        receiptId: receipt.id,
        field: `cash.${i}.amountMinor`,
      });
    }
    await this.items.releaseEmptyBags(m, stayId);
    await this.audit.record(m, actor, {
      action: 'property.return',
      entityType: 'stay',
      entityId: stayId,
      centreId: scope.centre.id,
      details: {
        receipt: receipt.number,
        itemIds: items.map((i) => i.id),
        cash: receipt.lines.cash.map((c) => c.amount),
        witnessId: valuables.length ? dto.witnessId : null,
        stayStatus: scope.stay.status,
        recipient,
      },
    });
    return receipt;
  }

  /** Someone who has died cannot take their belongings back: the receipt names who does. Anyone else does. */
  /** The stay has ended (ABSCONDED or DECEASED): who may hand its belongings back, to whom, before whom. */
  private async assertReturnAfterExit(
    m: EntityManager,
    actor: Actor,
    scope: StayScope,
    dto: ReturnPropertyDto,
  ): Promise<void> {
    this.scope.assertManager(actor, `Returning the belongings of a ${scope.stay.status} stay`);
    if (!dto.witnessId) {
      throw new RuleViolation(
        'WITNESS_REQUIRED',
        'Belongings of an ended stay are handed over before a witness',
        [{ field: 'witnessId', message: `is required when the stay is ${scope.stay.status}` }],
      );
    }
    if (scope.stay.status === StayStatus.Deceased) return;
    // After ABSCONDED the person takes them in person: back in custody here, or at liberty and come to claim
    // them (as the unclaimed notice invites). Not while another centre holds them: they cannot be here.
    const held = await this.scope.activeStayOf(scope.stay.personId, m);
    if (held && held.centreId !== scope.centre.id) {
      throw new Conflict(
        'PERSON_NOT_HERE',
        `The person is held at centre ${held.centre!.code}: their belongings are returned to them in person, here; until then they are kept, and not abandoned while the person is held`,
        [{ field: 'stayId', message: `the person has an ACTIVE stay at ${held.centre!.code}` }],
      );
    }
  }

  private recipientOf(stay: Stay, dto: ReturnPropertyDto): ReceiptRecipient | null {
    const deceased = stay.status === StayStatus.Deceased;
    if (deceased && !dto.recipient) {
      throw new RuleViolation('RECIPIENT_REQUIRED', 'The person has died: name who receives the belongings', [
        { field: 'recipient', message: 'is required when the stay is DECEASED' },
      ]);
    }
    if (!deceased && dto.recipient) {
      throw new RuleViolation('RECIPIENT_NOT_ALLOWED', 'Belongings are returned to the person themselves', [
        { field: 'recipient', message: `must be absent: the stay is ${stay.status}, not DECEASED` },
      ]);
    }
    return dto.recipient ? { name: dto.recipient.name, relationship: dto.recipient.relationship } : null;
  }

  /**
   * A manager records what is missing or damaged and opens a claim. Lost items and lost cash then no longer
   * block the exit; the claim reference goes on the person's return receipt.
   */
  async reportLoss(actor: Actor, stayId: string, dto: LossReportDto): Promise<PropertyClaim> {
    this.scope.assertManager(actor, 'A loss or damage report');
    if (!dto.items.length && !dto.cash.length) {
      throw new RuleViolation('EMPTY_REPORT', 'Name at least one item or one amount', [
        { field: 'items', message: 'give at least one item or one amount of cash' },
      ]);
    }
    const { centre } = await this.scope.requireStay(actor, stayId);
    return this.dataSource.transaction(async (m) => {
      const scope = await this.scope.lockStay(actor, stayId, m, centre, 'any');
      const repo = m.getRepository(PropertyItem);
      const found = await repo.findBy({ stayId, id: In(dto.items.map((i) => i.itemId)) });
      if (found.length !== new Set(dto.items.map((i) => i.itemId)).size) {
        throw new RuleViolation('UNKNOWN_ITEM', 'Some items are not items of this stay', [
          { field: 'items', message: 'contains an id that is not an item of this stay' },
        ]);
      }
      await this.assertReportable(m, scope, found, dto);
      const lostKind = dto.cash.length || dto.items.some((i) => i.kind === ClaimKind.Lost);
      const claim = await m.getRepository(PropertyClaim).save(
        m.create(PropertyClaim, {
          centreId: scope.centre.id,
          stayId,
          reference: await this.scope.nextClaimReference(m, scope.centre),
          kind: lostKind ? ClaimKind.Lost : ClaimKind.Damaged,
          report: dto.report,
          itemIds: found.map((i) => i.id),
          cash: dto.cash.map((c) => cashLine(c.currency, c.amountMinor)),
          openedBy: actor.id,
        }),
      );
      for (const entry of dto.items) {
        const item = found.find((f) => f.id === entry.itemId)!;
        const lost = entry.kind === ClaimKind.Lost;
        await updateVersioned(
          m,
          PropertyItem,
          item.id,
          entry.version,
          lost ? { status: ItemStatus.Lost, claimId: claim.id } : { claimId: claim.id },
          'Item',
        );
        await this.items.record(m, actor, item, {
          type: lost ? ItemMovementType.Lost : ItemMovementType.Damaged,
          toStatus: lost ? ItemStatus.Lost : item.status,
          toLocation: lost ? 'missing' : item.storageLocation,
          reason: dto.report,
          reference: claim.reference,
          authorisedBy: actor.id,
          claimId: claim.id,
        });
      }
      for (const [i, c] of dto.cash.entries()) {
        await this.cash.apply(m, actor, {
          centreId: scope.centre.id,
          stayId,
          personId: scope.stay.personId,
          currency: c.currency,
          amountMinor: -c.amountMinor,
          type: CashMovementType.Lost,
          purpose: `claim ${claim.reference}`,
          authorisedBy: actor.id,
          claimId: claim.id,
          field: `cash.${i}.amountMinor`,
        });
      }
      await this.items.releaseEmptyBags(m, stayId);
      await this.audit.record(m, actor, {
        action: 'property.claim.open',
        entityType: 'property_claim',
        entityId: claim.id,
        centreId: scope.centre.id,
        details: {
          stayId,
          reference: claim.reference,
          kind: claim.kind,
          itemIds: claim.itemIds,
          cash: claim.cash.map((c) => c.amount),
        },
      });
      return claim;
    });
  }

  /**
   * Checked before anything is written. An item handed over for a transfer is this stay's to report lost only
   * while it is with the escort and the stay is still open: once the stay is TRANSFERRED, or a copy of the item
   * was received elsewhere, it is the receiving stay's (a missing bag is settled by its missing-seal discrepancy,
   * a received item by a loss report there), and a claim here would be for nothing, or for an item held safely.
   */
  private async assertReportable(
    m: EntityManager,
    scope: StayScope,
    found: PropertyItem[],
    dto: LossReportDto,
  ): Promise<void> {
    // The arrival at the receiving centre takes these locks before it reads what is in transit: the item is
    // either received there or reported lost here, never both.
    if (found.some((i) => i.status === ItemStatus.HandedOver)) await lockHandover(m, scope.stay.id);
    for (const [i, entry] of dto.items.entries()) {
      const item = found.find((f) => f.id === entry.itemId)!;
      const lost = entry.kind === ClaimKind.Lost;
      const allowed = lost
        ? [ItemStatus.Held, ItemStatus.OutTemporarily, ItemStatus.HandedOver]
        : [ItemStatus.Held, ItemStatus.OutTemporarily, ItemStatus.Returned];
      if (!allowed.includes(item.status)) {
        throw new Conflict(
          'ITEM_STATE',
          `"${item.description}" is ${item.status}; it cannot be reported ${entry.kind}`,
          [{ field: `items.${i}.kind`, message: `not allowed while ${item.status}` }],
        );
      }
      if (!lost || item.status !== ItemStatus.HandedOver) continue;
      const received = await m.getRepository(PropertyItem).existsBy({ transferredFromItemId: item.id });
      if (received || scope.stay.status === StayStatus.Transferred) {
        throw new Conflict(
          'ITEM_WITH_RECEIVING_CENTRE',
          received
            ? `"${item.description}" was received at the centre it was handed over to: report it lost there`
            : `"${item.description}" went with the transfer: the receiving centre records what did not arrive`,
          [{ field: `items.${i}.itemId`, message: 'handed over to another stay; not reportable here' }],
        );
      }
    }
  }

  /** Everything held for a stay, with what still blocks its release. */
  async overview(actor: Actor, stayId: string): Promise<StayPropertyResponseDto> {
    await this.scope.requireStay(actor, stayId);
    const m = this.dataSource.manager;
    const [items, bags, accounts, receipts, claims, discrepancies] = await Promise.all([
      m.getRepository(PropertyItem).find({ where: { stayId }, order: { createdAt: 'ASC' } }),
      m.getRepository(PropertyBag).find({ where: { stayId }, order: { createdAt: 'ASC' } }),
      this.cash.accounts(stayId, m),
      this.receipts.listForStay(stayId, m),
      m.getRepository(PropertyClaim).find({ where: { stayId }, order: { openedAt: 'ASC' } }),
      m.getRepository(SealDiscrepancy).find({ where: { stayId }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      stayId,
      items,
      bags,
      cash: accounts.map(toCashAccountResponse),
      receipts,
      claims,
      discrepancies,
      outstandingForRelease: await this.outstanding(m, stayId, 'RELEASE'),
    };
  }

  /** What blocks an exit of this kind, read in the exit's own transaction. */
  async outstanding(
    m: EntityManager,
    stayId: string,
    kind: ReconcileKind,
    receivingCentreId?: string,
  ): Promise<string[]> {
    // One after another: `m` is usually a transaction, one connection, which runs one query at a time.
    const items = await m.getRepository(PropertyItem).findBy({ stayId });
    const accounts = await m.getRepository(CashAccount).findBy({ stayId });
    const receipts = await m
      .getRepository(PropertyReceipt)
      .find({ where: { stayId }, order: { seq: 'ASC' } });
    const claims = await m.getRepository(PropertyClaim).findBy({ stayId });
    const open = await m
      .getRepository(SealDiscrepancy)
      .find({ where: { stayId }, order: { createdAt: 'ASC' } });
    const claimRef = new Map(claims.map((c) => [c.id, c.reference]));
    // A handover taken back into store is settled by its amendment receipt; the transfer receipt no longer counts.
    const transfers = await transferReceiptStates(m, stayId);
    const stay = await this.scope.findStay(stayId, m);
    const state: PropertyState = {
      items: items.map((i) => ({
        description: i.description,
        status: i.status,
        claimReference: i.claimId ? (claimRef.get(i.claimId) ?? null) : null,
      })),
      cash: accounts.map((a) => ({ currency: a.currency, balanceMinor: a.balanceMinor })),
      receipts: receipts
        .filter((r) => !transfers.get(r.id)?.reversed)
        .map((r) => ({
          number: r.number,
          type: r.type,
          acknowledged: r.acknowledgedAt !== null,
          claimReferences: r.lines.claims.map((c) => c.reference),
          receivingCentreId: r.receivingCentreId,
          handsOver: transfers.get(r.id)?.handsOver ?? true,
        })),
      claimReferences: claims.map((c) => c.reference),
      cashInTransit: kind === 'RELEASE' ? await cashInTransit(m, stayId) : [],
      awaitingArrival: stay ? await awaitingArrival(m, stay) : undefined,
    };
    return [...outstandingProperty(state, kind, receivingCentreId), ...this.unresolved(open)];
  }

  private unresolved(discrepancies: SealDiscrepancy[]): string[] {
    return discrepancies
      .filter((d) => !d.resolvedAt)
      .map((d) => `seal discrepancy (${d.kind}) on ${d.sealNumber} not resolved`);
  }
}
