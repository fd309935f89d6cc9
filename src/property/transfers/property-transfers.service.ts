import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { CentresService } from '../../centres/centres.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../../common/errors/domain.exception';
import { updateVersioned } from '../../common/persistence/versioned-update';
import { TransfersService } from '../../admissions/transfers.service';
import { ReverseHandoverDto, TransferArrivalDto, TransferHandoverDto } from '../dto/exit-operations.dto';
import { ArrivalResponseDto } from '../dto/property-responses.dto';
import { CashMovement } from '../entities/cash-movement.entity';
import { PropertyBag } from '../entities/property-bag.entity';
import { PropertyClaim } from '../entities/property-claim.entity';
import { PropertyItem } from '../entities/property-item.entity';
import { PropertyReceipt } from '../entities/property-receipt.entity';
import { SealDiscrepancy } from '../entities/seal-discrepancy.entity';
import { CashService } from '../cash/cash.service';
import { ItemsService } from '../items/items.service';
import { PropertyScopeService, StayScope } from '../property-scope.service';
import {
  BagStatus,
  CashMovementType,
  DiscrepancyKind,
  ItemMovementType,
  ItemStatus,
  ReceiptType,
} from '../property.enums';
import { cashLine, itemLine } from '../property.mapper';
import { ReceiptsService } from '../receipts/receipts.service';
import { compareSeals, normaliseSeal } from '../rules/seal';
import { handoverInTransit, lockHandover } from './handover-in-transit';

/** Property that travels with a transfer: handed over sealed at one centre, checked seal by seal at the other. */
@Injectable()
export class PropertyTransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PropertyScopeService,
    private readonly centres: CentresService,
    private readonly items: ItemsService,
    private readonly cash: CashService,
    private readonly receipts: ReceiptsService,
    private readonly audit: AuditService,
    private readonly transfers: TransfersService,
  ) {}

  /** Hands everything held to the escort for the receiving centre, with a numbered transfer receipt. */
  async handover(actor: Actor, stayId: string, dto: TransferHandoverDto): Promise<PropertyReceipt> {
    await this.centres.assertExist([dto.receivingCentreId], 'receivingCentreId');
    return this.scope.inLockedStay(actor, stayId, dto.witnessId, async (m, scope, witnessName) => {
      if (dto.receivingCentreId === scope.centre.id) {
        throw new RuleViolation('SAME_CENTRE', 'The receiving centre is this centre', [
          { field: 'receivingCentreId', message: 'must be another centre' },
        ]);
      }
      const repo = m.getRepository(PropertyItem);
      const items = await repo.findBy({ stayId, status: In([ItemStatus.Held, ItemStatus.OutTemporarily]) });
      const out = items.filter((i) => i.status === ItemStatus.OutTemporarily);
      if (out.length) {
        throw new Conflict(
          'ITEM_NOT_HELD',
          `Taken out and not back: ${out.map((i) => `"${i.description}"`).join(', ')}`,
        );
      }
      if (items.some((i) => i.valuable)) {
        if (!dto.witnessId) {
          throw new RuleViolation(
            'WITNESS_REQUIRED',
            'Handing over valuables needs a second officer as witness',
            [{ field: 'witnessId', message: 'is required when valuables are handed over' }],
          );
        }
      }
      const accounts = (await this.cash.accounts(stayId, m)).filter((a) => a.balanceMinor > 0);
      // A claim opened after the last transfer receipt was signed (e.g. an item lost in transit) still has to
      // reach the person: as a return does, a transfer receipt may carry claims alone.
      const claims = await m
        .getRepository(PropertyClaim)
        .find({ where: { stayId }, order: { openedAt: 'ASC' } });
      if (!items.length && !accounts.length && !claims.length) {
        throw new RuleViolation('NOTHING_TO_HAND_OVER', 'Nothing is held for this stay');
      }
      // Only bags with something in them travel; an empty one would be a false missing seal at arrival.
      await this.items.releaseEmptyBags(m, stayId);
      const bags = await m.getRepository(PropertyBag).findBy({ stayId, status: BagStatus.Held });
      const bagById = new Map(bags.map((b) => [b.id, b]));
      const receipt = await this.receipts.create(
        m,
        actor,
        scope,
        ReceiptType.Transfer,
        {
          items: items.map((i) => itemLine(i, bagById, i.valuable ? dto.witnessId! : null, witnessName)),
          cash: accounts.map((a) => cashLine(a.currency, a.balanceMinor)),
          claims: claims.map((c) => ({ reference: c.reference, kind: c.kind, summary: c.report })),
        },
        dto.receivingCentreId,
      );
      for (const item of items) {
        await repo.update({ id: item.id }, {
          status: ItemStatus.HandedOver,
          version: () => 'version + 1',
        } as never);
        await this.items.record(m, actor, item, {
          type: ItemMovementType.HandedOverTransfer,
          toStatus: ItemStatus.HandedOver,
          toLocation: 'in transit',
          witnessId: item.valuable ? dto.witnessId! : null,
          receiptId: receipt.id,
        });
      }
      await m.query(
        `UPDATE property_bags SET status = 'in_transit', transfer_to_centre_id = $2, version = version + 1
         WHERE stay_id = $1 AND status = 'held'`,
        [stayId, dto.receivingCentreId],
      );
      for (const a of accounts) {
        await this.cash.apply(m, actor, {
          centreId: scope.centre.id,
          stayId,
          personId: scope.stay.personId,
          currency: a.currency,
          amountMinor: -a.balanceMinor,
          type: CashMovementType.HandedOverTransfer,
          receiptId: receipt.id,
        });
      }
      await this.audit.record(m, actor, {
        action: 'property.transfer.handover',
        entityType: 'stay',
        entityId: stayId,
        centreId: scope.centre.id,
        details: {
          receipt: receipt.number,
          receivingCentreId: dto.receivingCentreId,
          itemIds: items.map((i) => i.id),
          seals: bags.map((b) => b.sealNormalised),
          cash: receipt.lines.cash.map((c) => c.amount),
          claims: receipt.lines.claims.map((c) => c.reference),
        },
      });
      return receipt;
    });
  }

  /**
   * Takes back into store what was handed over for a transfer that is not going ahead (cancelled, rejected, or
   * never requested). Each handover movement is reversed by a `correction` movement that points at it (at most
   * once: unique index), bags come back from transit with their seal, cash is credited back; the person
   * acknowledges an amendment receipt listing what is held again. Not while a transfer of the stay is pending.
   * Also after the stay ended ABSCONDED or DECEASED (the exit cancels the transfer): the belongings come back
   * into the centre's custody and so onto its unclaimed list. Not on a RELEASED or TRANSFERRED stay (read-only).
   */
  async reverseHandover(actor: Actor, stayId: string, dto: ReverseHandoverDto): Promise<PropertyReceipt> {
    return this.scope.inLockedStay(
      actor,
      stayId,
      dto.witnessId,
      (m, scope, witnessName) => this.reverseIn(m, actor, scope, dto, witnessName),
      'open',
    );
  }

  private async reverseIn(
    m: EntityManager,
    actor: Actor,
    scope: StayScope,
    dto: ReverseHandoverDto,
    witnessName: string | null,
  ): Promise<PropertyReceipt> {
    const stayId = scope.stay.id;
    if (await this.transfers.latestOf(m, stayId)) {
      throw new Conflict(
        'TRANSFER_PENDING',
        'A transfer of this stay is pending: it must be cancelled or rejected before its belongings are taken back',
      );
    }
    // The receiving centre's arrival takes the same locks: a handover is taken back or received, never both.
    await lockHandover(m, stayId);
    const { itemMoves, cashMoveIds } = await handoverInTransit(m, stayId);
    if (!itemMoves.length && !cashMoveIds.length) {
      throw new Conflict(
        'NOTHING_IN_TRANSIT',
        'Nothing handed over for a transfer is waiting to be taken back',
      );
    }
    const repo = m.getRepository(PropertyItem);
    const items = itemMoves.length ? await repo.findBy({ id: In(itemMoves.map((r) => r.item_id)) }) : [];
    const cash = cashMoveIds.length
      ? await m.getRepository(CashMovement).findBy({ id: In(cashMoveIds) })
      : [];
    if (items.some((i) => i.valuable) && !dto.witnessId) {
      throw new RuleViolation(
        'WITNESS_REQUIRED',
        'Taking valuables back into store needs a second officer as witness',
        [{ field: 'witnessId', message: 'is required when valuables are taken back' }],
      );
    }
    const inTransit = await m.getRepository(PropertyBag).findBy({ stayId, status: BagStatus.InTransit });
    await m.query(
      `UPDATE property_bags SET status = 'held', transfer_to_centre_id = NULL, version = version + 1
     WHERE stay_id = $1 AND status = 'in_transit'`,
      [stayId],
    );
    const bags = await m.getRepository(PropertyBag).findBy({ stayId, status: BagStatus.Held });
    const bagById = new Map(bags.map((b) => [b.id, b]));
    const back = items.map((i) => ({ ...i, storageLocation: dto.storageLocation ?? i.storageLocation }));
    const totals = new Map<string, number>();
    for (const c of cash) totals.set(c.currency, (totals.get(c.currency) ?? 0) - c.amountMinor);
    const receipt = await this.receipts.create(m, actor, scope, ReceiptType.Amendment, {
      items: back.map((i) => itemLine(i, bagById, i.valuable ? dto.witnessId! : null, witnessName)),
      cash: [...totals].map(([currency, amount]) => cashLine(currency, amount)),
      claims: [],
    });
    const handover = new Map(itemMoves.map((r) => [r.item_id, r.id]));
    for (const item of items) {
      const storageLocation = dto.storageLocation ?? item.storageLocation;
      await repo.update({ id: item.id }, {
        status: ItemStatus.Held,
        storageLocation,
        version: () => 'version + 1',
      } as never);
      await this.items.record(m, actor, item, {
        type: ItemMovementType.Correction,
        toStatus: ItemStatus.Held,
        fromLocation: 'in transit',
        toLocation: storageLocation,
        reason: dto.reason,
        witnessId: item.valuable ? dto.witnessId! : null,
        receiptId: receipt.id,
        correctsMovementId: handover.get(item.id)!,
      });
    }
    for (const c of cash) {
      await this.cash.apply(m, actor, {
        centreId: scope.centre.id,
        stayId,
        personId: scope.stay.personId,
        currency: c.currency,
        amountMinor: -c.amountMinor,
        type: CashMovementType.Correction,
        purpose: dto.reason,
        receiptId: receipt.id,
        correctsMovementId: c.id,
      });
    }
    await this.audit.record(m, actor, {
      action: 'property.transfer.reverse',
      entityType: 'stay',
      entityId: stayId,
      centreId: scope.centre.id,
      details: {
        receipt: receipt.number,
        itemIds: items.map((i) => i.id),
        seals: inTransit.map((b) => b.sealNormalised),
        cash: receipt.lines.cash.map((c) => c.amount),
        correctsMovementIds: [...itemMoves.map((r) => r.id), ...cash.map((c) => c.id)],
        reason: dto.reason,
      },
    });
    return receipt;
  }

  /**
   * At the receiving centre: the seals read on arrival are compared, normalised, with those handed over. Matching
   * bags and loose items are taken in (with an intake receipt); a differing seal is a discrepancy on record.
   */
  async arrival(actor: Actor, stayId: string, dto: TransferArrivalDto): Promise<ArrivalResponseDto> {
    const { centre } = await this.scope.requireStay(actor, stayId);
    // Valuables are taken into this centre's custody before one of its own officers, not the sending centre's.
    const witness = dto.witnessId
      ? { id: dto.witnessId, name: await this.scope.assertWitness(actor, centre.id, dto.witnessId) }
      : null;
    return this.dataSource.transaction(async (m) => {
      // Also after the person absconded or died here before the bags were checked in: the belongings are then
      // recorded on this stay (and kept as unclaimed), not left in transit with nowhere to go.
      const scope = await this.scope.lockStay(actor, stayId, m, centre, 'open');
      const from = await this.scope.findStay(dto.fromStayId, m);
      // The sending stay is visible here only as the same person's transfer to this centre.
      if (!from || from.personId !== scope.stay.personId || from.id === stayId)
        throw new NotFoundInScope('Sending stay');
      // Taken under the same locks as the sending centre's reversal: what it took back is not received here.
      await lockHandover(m, from.id);
      const sentBags = await m
        .getRepository(PropertyBag)
        .findBy({ stayId: from.id, status: BagStatus.InTransit, transferToCentreId: scope.centre.id });
      const { itemMoves, cashMoveIds } = await handoverInTransit(m, from.id, scope.centre.id);
      if (!sentBags.length && !itemMoves.length && !cashMoveIds.length) {
        throw new Conflict('NOTHING_IN_TRANSIT', 'No property from that stay is in transit to this centre');
      }
      const seals = compareSeals(
        sentBags.map((b) => b.sealNumber),
        dto.seals,
      );
      const matchedBags = sentBags.filter((b) => seals.matched.includes(b.sealNormalised));
      const missingBags = sentBags.filter((b) => seals.missing.includes(b.sealNormalised));
      const missingIds = new Set(missingBags.map((b) => b.id));
      const sentItems = itemMoves.length
        ? await m.getRepository(PropertyItem).findBy({ id: In(itemMoves.map((r) => r.item_id)) })
        : [];
      const cashIn = cashMoveIds.length
        ? await m.getRepository(CashMovement).findBy({ id: In(cashMoveIds) })
        : [];
      // Items in a bag whose seal did not match stay in transit until the discrepancy is resolved.
      const { received, receipt } = await this.takeIn(m, actor, scope, {
        bags: matchedBags.map((bag) => ({
          bag,
          seal: dto.seals.find((s) => normaliseSeal(s) === bag.sealNormalised)!.trim(),
        })),
        items: sentItems.filter((i) => !i.bagId || !missingIds.has(i.bagId)),
        cash: cashIn,
        storageLocation: dto.storageLocation,
        witness,
      });
      const discrepancies: SealDiscrepancy[] = [];
      for (const seal of seals.unknown) {
        discrepancies.push(
          await this.discrepancy(m, scope.centre.id, stayId, DiscrepancyKind.UnknownSeal, seal, null),
        );
      }
      for (const bag of missingBags) {
        discrepancies.push(
          await this.discrepancy(
            m,
            scope.centre.id,
            stayId,
            DiscrepancyKind.MissingSeal,
            bag.sealNumber,
            bag.id,
          ),
        );
      }
      await this.audit.record(m, actor, {
        action: 'property.transfer.arrival',
        entityType: 'stay',
        entityId: stayId,
        centreId: scope.centre.id,
        details: {
          fromStayId: from.id,
          matched: seals.matched,
          unknown: seals.unknown,
          missing: seals.missing,
          itemIds: received.map((i) => i.id),
          receipt: receipt?.number ?? null,
          witnessId: received.some((i) => i.valuable) ? witness!.id : null,
        },
      });
      return { matched: seals.matched, discrepancies, receipt };
    });
  }

  /**
   * Takes into the receiving stay's custody what a sending stay handed over, inside the caller's transaction (the
   * stay and the sending stay's handover locked): each bag is re-created here with its seal (the sending bag is
   * released), every item is copied here as held (the copy points at the item handed over, which is then no
   * longer in transit), cash is credited once; all on one intake (or amendment) receipt. Used by the arrival and
   * by a missing seal whose bag turned up after all. Valuables need a witness of this centre (422, nothing
   * written), recorded as the copies' intake witness.
   */
  async takeIn(
    m: EntityManager,
    actor: Actor,
    scope: StayScope,
    what: {
      bags: { bag: PropertyBag; seal: string }[];
      items: PropertyItem[];
      cash: CashMovement[];
      storageLocation: string;
      witness: { id: string; name: string } | null;
    },
  ): Promise<{ received: PropertyItem[]; receipt: PropertyReceipt | null }> {
    const { witness } = what;
    if (what.items.some((i) => i.valuable) && !witness) {
      throw new RuleViolation(
        'WITNESS_REQUIRED',
        'Taking valuables into custody needs a second officer as witness',
        [{ field: 'witnessId', message: 'is required when valuables are received' }],
      );
    }
    const stayId = scope.stay.id;
    const newBagFor = new Map<string, PropertyBag>();
    for (const { bag, seal } of what.bags) {
      await updateVersioned(m, PropertyBag, bag.id, bag.version, { status: BagStatus.Released }, 'Bag');
      newBagFor.set(
        bag.id,
        await m.getRepository(PropertyBag).save(
          m.create(PropertyBag, {
            centreId: scope.centre.id,
            stayId,
            personId: scope.stay.personId,
            sealNumber: seal,
            sealNormalised: bag.sealNormalised,
            arrivedFromBagId: bag.id,
          }),
        ),
      );
    }
    const received: PropertyItem[] = [];
    for (const sent of what.items) {
      received.push(
        await m.getRepository(PropertyItem).save(
          m.create(PropertyItem, {
            ...sent,
            id: undefined,
            centreId: scope.centre.id,
            stayId,
            status: ItemStatus.Held,
            storageLocation: what.storageLocation,
            bagId: sent.bagId ? (newBagFor.get(sent.bagId)?.id ?? null) : null,
            intakeWitnessId: sent.valuable ? witness!.id : null,
            returnWitnessId: null,
            transferredFromItemId: sent.id,
            version: undefined,
            createdAt: undefined,
            updatedAt: undefined,
          }),
        ),
      );
    }
    if (!received.length && !what.cash.length) return { received, receipt: null };
    const hasIntake = await m.getRepository(PropertyReceipt).existsBy({ stayId, type: ReceiptType.Intake });
    const bagById = new Map([...newBagFor.values()].map((b) => [b.id, b]));
    const receipt = await this.receipts.create(
      m,
      actor,
      scope,
      hasIntake ? ReceiptType.Amendment : ReceiptType.Intake,
      {
        items: received.map((i) => itemLine(i, bagById, i.intakeWitnessId, witness?.name ?? null)),
        cash: what.cash.map((c) => cashLine(c.currency, -c.amountMinor)),
        claims: [],
      },
    );
    for (const item of received) {
      await this.items.record(m, actor, item, {
        type: ItemMovementType.CheckedIn,
        fromStatus: null,
        toLocation: item.storageLocation,
        reason: 'received on transfer',
        witnessId: item.intakeWitnessId,
        receiptId: receipt.id,
      });
    }
    for (const c of what.cash) {
      await this.cash.apply(m, actor, {
        centreId: scope.centre.id,
        stayId,
        personId: scope.stay.personId,
        currency: c.currency,
        amountMinor: -c.amountMinor,
        type: CashMovementType.ReceivedTransfer,
        receiptId: receipt.id,
        transferredFromMovementId: c.id,
      });
    }
    return { received, receipt };
  }

  private async discrepancy(
    m: EntityManager,
    centreId: string,
    stayId: string,
    kind: DiscrepancyKind,
    sealNumber: string,
    bagId: string | null,
  ): Promise<SealDiscrepancy> {
    return m
      .getRepository(SealDiscrepancy)
      .save(m.create(SealDiscrepancy, { centreId, stayId, kind, sealNumber, bagId }));
  }
}
