import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, QueryFailedError } from 'typeorm';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../../common/errors/domain.exception';
import { updateVersioned } from '../../common/persistence/versioned-update';
import { CorrectionDto } from '../dto/cash-operation.dto';
import { IntakeDto, ItemInputDto } from '../dto/intake.dto';
import { ItemMovementDto } from '../dto/item-movement.dto';
import { PropertyBag } from '../entities/property-bag.entity';
import { PropertyItem } from '../entities/property-item.entity';
import { PropertyMovement } from '../entities/property-movement.entity';
import { PropertyReceipt, ReceiptCashLine } from '../entities/property-receipt.entity';
import { PropertyScopeService, StayScope } from '../property-scope.service';
import { SealInUse } from '../property.exceptions';
import {
  BagStatus,
  CashMovementType,
  ItemCategory,
  ItemMovementType,
  ItemStatus,
  ReceiptType,
  STILL_HELD,
} from '../property.enums';
import { cashLine, itemLine } from '../property.mapper';
import { normaliseSeal } from '../rules/seal';
import { CashService } from '../cash/cash.service';
import { ReceiptsService } from '../receipts/receipts.service';

/** What each direct movement requires and does to an item. */
const DIRECT: Record<string, { from: ItemStatus[]; to: ItemStatus }> = {
  [ItemMovementType.Moved]: { from: [ItemStatus.Held], to: ItemStatus.Held },
  [ItemMovementType.TakenTemporarily]: { from: [ItemStatus.Held], to: ItemStatus.OutTemporarily },
  [ItemMovementType.ReturnedTemporarily]: { from: [ItemStatus.OutTemporarily], to: ItemStatus.Held },
  [ItemMovementType.Seized]: { from: [ItemStatus.Held, ItemStatus.OutTemporarily], to: ItemStatus.Seized },
  [ItemMovementType.Disposed]: {
    from: [ItemStatus.Held, ItemStatus.OutTemporarily],
    to: ItemStatus.Disposed,
  },
};

export const isValuable = (input: { category: ItemCategory; valuable?: boolean }) =>
  input.category === ItemCategory.JewelleryValuables || input.valuable === true;

/** Items: intake (with cash and a receipt), movements and corrections. */
@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PropertyScopeService,
    private readonly cash: CashService,
    private readonly receipts: ReceiptsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Takes belongings into custody: items, sealed bags and cash, with one numbered receipt (intake the first time,
   * amendment afterwards), all in one transaction.
   */
  async intake(actor: Actor, stayId: string, dto: IntakeDto): Promise<PropertyReceipt> {
    if (!dto.items.length && !dto.cash.length) {
      throw new RuleViolation('EMPTY_INTAKE', 'Nothing to take in', [
        { field: 'items', message: 'give at least one item or one amount of cash' },
      ]);
    }
    const currencies = dto.cash.map((c) => c.currency);
    const dup = currencies.find((c, i) => currencies.indexOf(c) !== i);
    if (dup) {
      throw new RuleViolation('DUPLICATE_CURRENCY', `${dup} is given twice`, [
        { field: 'cash', message: 'give one entry per currency' },
      ]);
    }
    dto.cash.forEach((c, i) =>
      this.cash.assertDenominations(c.amountMinor, c.denominations, `cash.${i}.denominations`),
    );
    const needsWitness = dto.items.some(isValuable);
    if (needsWitness && !dto.witnessId) {
      throw new RuleViolation('WITNESS_REQUIRED', 'Valuables need a second officer as witness', [
        { field: 'witnessId', message: 'is required when valuables are taken in' },
      ]);
    }
    return this.scope.inLockedStay(actor, stayId, dto.witnessId, async (m, scope, witnessName) => {
      const bags = await this.bagsFor(m, scope, dto.items);
      const items: PropertyItem[] = [];
      for (const input of dto.items) {
        const bag = input.sealNumber ? bags.get(normaliseSeal(input.sealNumber))! : null;
        items.push(
          await m.getRepository(PropertyItem).save(this.newItem(m, scope, input, bag, dto.witnessId ?? null)),
        );
      }
      const hasIntake = await m
        .getRepository(PropertyReceipt)
        .existsBy({ stayId, type: In([ReceiptType.Intake]) });
      const bagById = new Map([...bags.values()].map((b) => [b.id, b]));
      const cashLines: ReceiptCashLine[] = dto.cash.map((c) => cashLine(c.currency, c.amountMinor));
      const receipt = await this.receipts.create(
        m,
        actor,
        scope,
        hasIntake ? ReceiptType.Amendment : ReceiptType.Intake,
        {
          items: items.map((i) => itemLine(i, bagById, i.intakeWitnessId, witnessName)),
          cash: cashLines,
          claims: [],
        },
      );
      for (const item of items) {
        await this.record(m, actor, item, {
          type: ItemMovementType.CheckedIn,
          fromStatus: null,
          toLocation: item.storageLocation,
          witnessId: item.intakeWitnessId,
          receiptId: receipt.id,
        });
      }
      for (const [i, c] of dto.cash.entries()) {
        await this.cash.apply(m, actor, {
          centreId: scope.centre.id,
          stayId,
          personId: scope.stay.personId,
          currency: c.currency,
          amountMinor: c.amountMinor,
          type: CashMovementType.Deposit,
          denominations: c.denominations ?? null,
          purpose: 'intake',
          receiptId: receipt.id,
          field: `cash.${i}.amountMinor`,
        });
      }
      await this.audit.record(m, actor, {
        action: 'property.intake',
        entityType: 'stay',
        entityId: stayId,
        centreId: scope.centre.id,
        details: {
          receipt: receipt.number,
          itemIds: items.map((i) => i.id),
          categories: items.map((i) => i.category),
          seals: [...bags.values()].map((b) => b.sealNormalised),
          cash: cashLines.map((c) => c.amount),
          witnessId: needsWitness ? dto.witnessId : null,
        },
      });
      return receipt;
    });
  }

  /** A direct movement on one item: moved, taken out and back, seized to an authority, disposed of. */
  async move(actor: Actor, itemId: string, dto: ItemMovementDto): Promise<PropertyItem> {
    const item = await this.requireItem(actor, itemId);
    const rule = DIRECT[dto.type];
    const missing = (field: string, why: string) =>
      new RuleViolation('MOVEMENT_INCOMPLETE', `${dto.type} needs ${field}`, [{ field, message: why }]);
    if (
      (dto.type === ItemMovementType.Moved || dto.type === ItemMovementType.TakenTemporarily) &&
      !dto.toLocation
    ) {
      throw missing('toLocation', 'is required: where the item goes');
    }
    if (dto.type === ItemMovementType.Seized && (!dto.authority || !dto.reference)) {
      throw missing(dto.authority ? 'reference' : 'authority', 'is required for a seizure');
    }
    // Taking a person's belongings away for good is done before a second officer, as a refusal to sign is.
    if (dto.type === ItemMovementType.Seized && !dto.witnessId) {
      throw missing(
        'witnessId',
        'is required: a second officer or manager of the centre witnesses a seizure',
      );
    }
    if (dto.type === ItemMovementType.Disposed) {
      this.scope.assertManager(actor, 'Disposal');
      if (!dto.reason) throw missing('reason', 'is required for a disposal');
    }
    if (!rule.from.includes(item.status)) {
      throw new Conflict('ITEM_STATE', `The item is ${item.status}; ${dto.type} is not possible`, [
        { field: 'type', message: `not allowed while ${item.status}` },
      ]);
    }
    const toLocation =
      dto.toLocation ?? (dto.type === ItemMovementType.ReturnedTemporarily ? null : item.storageLocation);
    if (dto.type === ItemMovementType.ReturnedTemporarily && !toLocation)
      throw missing('toLocation', 'is required: where it is stored again');
    const witnessId = dto.type === ItemMovementType.Seized ? dto.witnessId! : null;
    return this.scope.inLockedStay(actor, item.stayId, witnessId ?? undefined, async (m, scope) => {
      const changes: Partial<PropertyItem> = { status: rule.to, storageLocation: toLocation! };
      if (dto.type === ItemMovementType.Seized)
        Object.assign(changes, { seizedAuthority: dto.authority, seizedReference: dto.reference });
      if (dto.type === ItemMovementType.Disposed)
        Object.assign(changes, { disposalAuthorisedBy: actor.id, disposalReason: dto.reason });
      await updateVersioned(m, PropertyItem, itemId, dto.version, changes, 'Item');
      const movement = await this.record(m, actor, item, {
        type: dto.type,
        fromStatus: item.status,
        toStatus: rule.to,
        toLocation: toLocation!,
        reason: dto.reason ?? null,
        authority: dto.authority ?? null,
        reference: dto.reference ?? null,
        authorisedBy: dto.type === ItemMovementType.Disposed ? actor.id : null,
        witnessId,
      });
      // A bag emptied by a seizure or disposal no longer travels or waits for its seal at another centre.
      if (!STILL_HELD.includes(rule.to)) await this.releaseEmptyBags(m, item.stayId);
      await this.audit.record(m, actor, {
        action: `property.item.${dto.type}`,
        entityType: 'property_item',
        entityId: itemId,
        centreId: scope.centre.id,
        details: {
          movementId: movement.id,
          from: item.status,
          to: rule.to,
          toLocation,
          reference: dto.reference ?? null,
          ...(witnessId ? { witnessId } : {}),
        },
      });
      return m.getRepository(PropertyItem).findOneByOrFail({ id: itemId });
    });
  }

  /**
   * Reverses the latest movement of an item by a correcting one that puts status and location back. Only
   * direct movements can be corrected this way; returns, handovers and losses are settled on their receipts.
   */
  async correct(actor: Actor, movementId: string, dto: CorrectionDto): Promise<PropertyItem> {
    const original = await this.dataSource.getRepository(PropertyMovement).findOneBy({ id: movementId });
    if (!original) throw new NotFoundInScope('Movement');
    const item = await this.requireItem(actor, original.itemId).catch(() => {
      throw new NotFoundInScope('Movement');
    });
    if (!(original.type in DIRECT)) {
      throw new RuleViolation('NOT_CORRECTABLE', `A ${original.type} movement cannot be corrected this way`);
    }
    const { centre } = await this.scope.requireStay(actor, item.stayId);
    return this.dataSource.transaction(async (m) => {
      const scope = await this.scope.lockStay(actor, item.stayId, m, centre);
      const latest = await m
        .getRepository(PropertyMovement)
        .findOne({ where: { itemId: item.id }, order: { occurredAt: 'DESC' } });
      if (latest?.id !== movementId) {
        throw new Conflict('NOT_LATEST_MOVEMENT', 'Only the latest movement of an item can be corrected');
      }
      const current = await m.getRepository(PropertyItem).findOneByOrFail({ id: item.id });
      const changes: Partial<PropertyItem> = {
        status: original.fromStatus!,
        storageLocation: original.fromLocation ?? current.storageLocation,
        ...(original.type === ItemMovementType.Seized
          ? { seizedAuthority: null, seizedReference: null }
          : {}),
        ...(original.type === ItemMovementType.Disposed
          ? { disposalAuthorisedBy: null, disposalReason: null }
          : {}),
      };
      await updateVersioned(m, PropertyItem, item.id, current.version, changes, 'Item');
      if (current.bagId && STILL_HELD.includes(changes.status!)) await this.reopenBag(m, current.bagId);
      const movement = await this.record(m, actor, current, {
        type: ItemMovementType.Correction,
        fromStatus: current.status,
        toStatus: original.fromStatus!,
        toLocation: changes.storageLocation!,
        reason: dto.reason,
        correctsMovementId: movementId,
      });
      await this.audit.record(m, actor, {
        action: 'property.item.correct',
        entityType: 'property_item',
        entityId: item.id,
        centreId: scope.centre.id,
        details: { movementId: movement.id, correctsMovementId: movementId, reason: dto.reason },
      });
      return m.getRepository(PropertyItem).findOneByOrFail({ id: item.id });
    });
  }

  async movements(actor: Actor, itemId: string): Promise<PropertyMovement[]> {
    await this.requireItem(actor, itemId);
    return this.dataSource
      .getRepository(PropertyMovement)
      .find({ where: { itemId }, order: { occurredAt: 'ASC' } });
  }

  /** The item if the caller may see its stay, else 404. */
  async requireItem(
    actor: Actor,
    itemId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<PropertyItem> {
    const item = await m.getRepository(PropertyItem).findOneBy({ id: itemId });
    if (!item) throw new NotFoundInScope('Item');
    await this.scope.requireStay(actor, item.stayId, m).catch(() => {
      throw new NotFoundInScope('Item');
    });
    return item;
  }

  /** Appends a movement (the table refuses updates and deletes). */
  record(
    m: EntityManager,
    actor: Actor,
    item: PropertyItem,
    entry: Partial<PropertyMovement> & { type: ItemMovementType; toLocation: string },
  ): Promise<PropertyMovement> {
    return m.getRepository(PropertyMovement).save(
      m.create(PropertyMovement, {
        itemId: item.id,
        centreId: item.centreId,
        stayId: item.stayId,
        fromStatus: item.status,
        toStatus: item.status,
        fromLocation: item.storageLocation,
        actorId: actor.id,
        ...entry,
      }),
    );
  }

  /** A bag whose items have all left the store (returned, handed over, seized, disposed, lost) is released. */
  async releaseEmptyBags(m: EntityManager, stayId: string): Promise<void> {
    await m.query(
      `UPDATE property_bags b SET status = 'released', version = version + 1
       WHERE b.stay_id = $1 AND b.status = $2
         AND NOT EXISTS (SELECT 1 FROM property_items i WHERE i.bag_id = b.id AND i.status::text = ANY($3::text[]))`,
      [stayId, BagStatus.Held, STILL_HELD],
    );
  }

  /**
   * A corrected seizure or disposal puts the item back in its bag: a bag released meanwhile is held again, unless
   * its seal now closes another bag (409, nothing written).
   */
  private async reopenBag(m: EntityManager, bagId: string): Promise<void> {
    const bag = await m.getRepository(PropertyBag).findOneByOrFail({ id: bagId });
    if (bag.status !== BagStatus.Released) return;
    const inUse = await m
      .getRepository(PropertyBag)
      .existsBy({ sealNormalised: bag.sealNormalised, status: Not(BagStatus.Released) });
    if (inUse) throw new SealInUse(bag.sealNumber);
    try {
      await updateVersioned(m, PropertyBag, bag.id, bag.version, { status: BagStatus.Held }, 'Bag');
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        throw new SealInUse(bag.sealNumber);
      }
      throw e;
    }
  }

  /**
   * The bag for each seal given: the stay's own held bag with that seal, or a new one. A seal closing another
   * stay's bag answers 409; the partial unique index settles a race between two intakes.
   */
  private async bagsFor(
    m: EntityManager,
    { stay, centre }: StayScope,
    inputs: ItemInputDto[],
  ): Promise<Map<string, PropertyBag>> {
    const bags = new Map<string, PropertyBag>();
    for (const input of inputs) {
      if (!input.sealNumber) continue;
      const seal = normaliseSeal(input.sealNumber);
      if (bags.has(seal)) continue;
      const inUse = await m
        .getRepository(PropertyBag)
        .findOneBy({ sealNormalised: seal, status: Not(BagStatus.Released) });
      if (inUse && inUse.stayId !== stay.id) throw new SealInUse(seal, 'items.sealNumber');
      if (inUse && inUse.status === BagStatus.Held) {
        bags.set(seal, inUse);
        continue;
      }
      if (inUse) throw new SealInUse(seal, 'items.sealNumber');
      try {
        const bag = await m.getRepository(PropertyBag).save(
          m.create(PropertyBag, {
            centreId: centre.id,
            stayId: stay.id,
            personId: stay.personId,
            sealNumber: input.sealNumber,
            sealNormalised: seal,
          }),
        );
        bags.set(seal, bag);
      } catch (e) {
        if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
          throw new SealInUse(seal, 'items.sealNumber');
        }
        throw e;
      }
    }
    return bags;
  }

  private newItem(
    m: EntityManager,
    { stay, centre }: StayScope,
    input: ItemInputDto,
    bag: PropertyBag | null,
    witnessId: string | null,
  ): PropertyItem {
    const valuable = isValuable(input);
    return m.create(PropertyItem, {
      centreId: centre.id,
      stayId: stay.id,
      personId: stay.personId,
      category: input.category,
      description: input.description,
      quantity: input.quantity,
      condition: input.condition,
      serialNumber: input.serialNumber ?? null,
      estimatedValueMinor: input.estimatedValue?.amountMinor ?? null,
      valueCurrency: input.estimatedValue?.currency ?? null,
      photoRef: input.photoRef ?? null,
      storageLocation: input.storageLocation,
      bagId: bag?.id ?? null,
      valuable,
      intakeWitnessId: valuable ? witnessId : null,
    });
  }
}
