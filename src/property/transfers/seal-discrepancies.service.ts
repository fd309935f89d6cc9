import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../../common/errors/domain.exception';
import { updateVersioned } from '../../common/persistence/versioned-update';
import { ResolveDiscrepancyDto } from '../dto/exit-operations.dto';
import { ResolveDiscrepancyResponseDto } from '../dto/property-responses.dto';
import { PropertyBag } from '../entities/property-bag.entity';
import { PropertyClaim } from '../entities/property-claim.entity';
import { PropertyItem } from '../entities/property-item.entity';
import { PropertyReceipt } from '../entities/property-receipt.entity';
import { SealDiscrepancy } from '../entities/seal-discrepancy.entity';
import { ItemsService } from '../items/items.service';
import { PropertyScopeService, StayScope } from '../property-scope.service';
import {
  BagStatus,
  ClaimKind,
  DiscrepancyKind,
  DiscrepancyOutcome,
  ItemMovementType,
  ItemStatus,
} from '../property.enums';
import { handoverInTransit, lockHandover } from './handover-in-transit';
import { PropertyTransfersService } from './property-transfers.service';

/**
 * Settling a seal discrepancy on record. A missing seal's bag is never simply written off: it turned up (its
 * items are taken into custody here, as at arrival) or its items are lost, with a claim on this stay.
 */
@Injectable()
export class SealDiscrepanciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: PropertyScopeService,
    private readonly items: ItemsService,
    private readonly transfers: PropertyTransfersService,
    private readonly audit: AuditService,
  ) {}

  /** A manager records how a seal discrepancy was settled; until then the stay's exits are blocked. */
  async resolve(
    actor: Actor,
    id: string,
    dto: ResolveDiscrepancyDto,
  ): Promise<ResolveDiscrepancyResponseDto> {
    this.scope.assertManager(actor, 'Resolving a seal discrepancy');
    const d = await this.dataSource.getRepository(SealDiscrepancy).findOneBy({ id });
    if (!d) throw new NotFoundInScope('Discrepancy');
    const { centre } = await this.scope.requireStay(actor, d.stayId).catch(() => {
      throw new NotFoundInScope('Discrepancy');
    });
    // One resolved with words alone (as before outcomes existed) while its bag's items are still in transit
    // is settled again with an outcome: otherwise they would block the person's exit for good.
    const alreadyResolved = () => new Conflict('ALREADY_RESOLVED', 'This discrepancy is already resolved');
    if (d.resolvedAt && !dto.outcome) throw alreadyResolved();
    this.assertOutcomeFields(dto);
    const witness = dto.witnessId
      ? { id: dto.witnessId, name: await this.scope.assertWitness(actor, centre.id, dto.witnessId) }
      : null;
    return this.dataSource.transaction(async (m) => {
      const scope = await this.scope.lockStay(actor, d.stayId, m, centre, 'open');
      // First, so that of two managers resolving at once one wins and the other writes nothing (409).
      await updateVersioned(
        m,
        SealDiscrepancy,
        id,
        dto.version,
        { resolution: dto.resolution, resolvedBy: actor.id, resolvedAt: () => 'now()' },
        'Discrepancy',
      );
      const { bag, missing } = await this.stillMissing(m, d, scope);
      if (d.resolvedAt && !missing.length) throw alreadyResolved();
      this.assertOutcome(d, dto, missing.length > 0);
      // Only once assertOutcome has answered: written in the first update, an outcome on an unknown seal would
      // meet CHK_property_seal_discrepancies_outcome before the 422 that names the field.
      if (dto.outcome) await m.update(SealDiscrepancy, { id }, { outcome: dto.outcome });
      let claim: PropertyClaim | null = null;
      let receipt: PropertyReceipt | null = null;
      let itemIds: string[] = [];
      if (dto.outcome === DiscrepancyOutcome.Found) {
        const taken = await this.transfers.takeIn(m, actor, scope, {
          bags: bag!.status === BagStatus.InTransit ? [{ bag: bag!, seal: bag!.sealNumber }] : [],
          items: missing,
          cash: [],
          storageLocation: dto.storageLocation!,
          witness,
        });
        receipt = taken.receipt;
        itemIds = taken.received.map((i) => i.id);
      } else if (dto.outcome === DiscrepancyOutcome.Lost) {
        claim = await this.recordLost(m, actor, scope, bag!, missing, dto.resolution);
        itemIds = claim.itemIds;
      }
      await this.audit.record(m, actor, {
        action: 'property.seal_discrepancy.resolve',
        entityType: 'property_seal_discrepancy',
        entityId: id,
        centreId: d.centreId,
        details: {
          stayId: d.stayId,
          kind: d.kind,
          seal: d.sealNumber,
          outcome: dto.outcome ?? null,
          // Resolved again (words alone before outcomes existed): the first resolution stays on record here.
          ...(d.resolvedAt
            ? { previous: { resolution: d.resolution, resolvedBy: d.resolvedBy, resolvedAt: d.resolvedAt } }
            : {}),
          itemIds,
          claim: claim?.reference ?? null,
          receipt: receipt?.number ?? null,
          witnessId: dto.outcome === DiscrepancyOutcome.Found && witness ? witness.id : null,
        },
      });
      const resolved = await m.getRepository(SealDiscrepancy).findOneByOrFail({ id });
      return { ...resolved, claim, receipt };
    });
  }

  /** What the body alone can tell: the place and the witness belong to a bag that turned up. */
  private assertOutcomeFields(dto: ResolveDiscrepancyDto): void {
    if (dto.outcome === DiscrepancyOutcome.Found) {
      if (!dto.storageLocation) {
        throw new RuleViolation('OUTCOME_INCOMPLETE', 'Say where the bag that turned up is stored', [
          { field: 'storageLocation', message: 'is required when the outcome is found' },
        ]);
      }
      return;
    }
    for (const field of ['storageLocation', 'witnessId'] as const) {
      if (dto[field] !== undefined) {
        throw new RuleViolation('OUTCOME_NOT_ALLOWED', `${field} is given only for a bag that turned up`, [
          { field, message: 'must be absent unless the outcome is found' },
        ]);
      }
    }
  }

  /** A missing seal needs an outcome while its bag's items are still in transit to this centre, and only then. */
  private assertOutcome(d: SealDiscrepancy, dto: ResolveDiscrepancyDto, inTransit: boolean): void {
    if (inTransit && !dto.outcome) {
      throw new RuleViolation(
        'OUTCOME_REQUIRED',
        `The items of bag ${d.sealNumber} are still unaccounted for: say whether the bag was found or is lost`,
        [{ field: 'outcome', message: 'is required (found or lost) for a missing seal' }],
      );
    }
    if (!inTransit && dto.outcome) {
      const why =
        d.kind === DiscrepancyKind.UnknownSeal
          ? 'nobody handed over a bag with this seal'
          : 'nothing of this bag is in transit any more (taken back at the sending centre, or received since)';
      throw new RuleViolation('OUTCOME_NOT_ALLOWED', `No outcome to record: ${why}`, [
        { field: 'outcome', message: 'must be absent' },
      ]);
    }
  }

  /**
   * For a missing seal: the bag handed over and its items still in transit to this centre, read under the
   * handover locks the arrival and the sending centre's reversal take, so none of them takes these items too.
   */
  private async stillMissing(
    m: EntityManager,
    d: SealDiscrepancy,
    scope: StayScope,
  ): Promise<{ bag: PropertyBag | null; missing: PropertyItem[] }> {
    if (d.kind !== DiscrepancyKind.MissingSeal || !d.bagId) return { bag: null, missing: [] };
    const bag = await m.getRepository(PropertyBag).findOneByOrFail({ id: d.bagId });
    await lockHandover(m, bag.stayId);
    const { itemMoves } = await handoverInTransit(m, bag.stayId, scope.centre.id);
    const missing = itemMoves.length
      ? await m.getRepository(PropertyItem).find({
          where: { id: In(itemMoves.map((r) => r.item_id)), bagId: bag.id },
          order: { createdAt: 'ASC' },
        })
      : [];
    return { bag, missing };
  }

  /**
   * The bag never arrived: its items are recorded here, on the receiving stay, as lost with one claim (as a loss
   * report does), so they no longer block the exit and the person leaves with the claim reference. Each is a copy
   * pointing at the item handed over, which is then no longer in transit; the bag's seal is free again.
   */
  private async recordLost(
    m: EntityManager,
    actor: Actor,
    scope: StayScope,
    bag: PropertyBag,
    missing: PropertyItem[],
    report: string,
  ): Promise<PropertyClaim> {
    const claims = m.getRepository(PropertyClaim);
    const claim = await claims.save(
      m.create(PropertyClaim, {
        centreId: scope.centre.id,
        stayId: scope.stay.id,
        reference: await this.scope.nextClaimReference(m, scope.centre),
        kind: ClaimKind.Lost,
        report,
        itemIds: [],
        cash: [],
        openedBy: actor.id,
      }),
    );
    const lost: PropertyItem[] = [];
    for (const sent of missing) {
      const item = await m.getRepository(PropertyItem).save(
        m.create(PropertyItem, {
          ...sent,
          id: undefined,
          centreId: scope.centre.id,
          stayId: scope.stay.id,
          status: ItemStatus.Lost,
          storageLocation: 'in transit',
          bagId: null,
          claimId: claim.id,
          // It never reached this centre: the intake witness is still the sending centre's.
          intakeWitnessId: sent.intakeWitnessId,
          returnWitnessId: null,
          transferredFromItemId: sent.id,
          version: undefined,
          createdAt: undefined,
          updatedAt: undefined,
        }),
      );
      await this.items.record(m, actor, item, {
        type: ItemMovementType.Lost,
        fromStatus: null,
        toStatus: ItemStatus.Lost,
        toLocation: 'missing',
        reason: report,
        reference: claim.reference,
        authorisedBy: actor.id,
        claimId: claim.id,
      });
      lost.push(item);
    }
    claim.itemIds = lost.map((i) => i.id);
    await claims.update({ id: claim.id }, { itemIds: claim.itemIds });
    if (bag.status === BagStatus.InTransit) {
      await updateVersioned(m, PropertyBag, bag.id, bag.version, { status: BagStatus.Released }, 'Bag');
    }
    await this.audit.record(m, actor, {
      action: 'property.claim.open',
      entityType: 'property_claim',
      entityId: claim.id,
      centreId: scope.centre.id,
      details: {
        stayId: scope.stay.id,
        reference: claim.reference,
        kind: claim.kind,
        itemIds: claim.itemIds,
        cash: [],
        seal: bag.sealNormalised,
      },
    });
    return claim;
  }
}
