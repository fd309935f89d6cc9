import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Stay, StayStatus } from '../../admissions/entities/stay.entity';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { CentresService } from '../../centres/centres.service';
import { Conflict } from '../../common/errors/domain.exception';
import { propertyConfig, PropertyConfig } from '../../config/property.config';
import { AbandonPropertyDto, UnclaimedNoticeDto } from '../dto/exit-operations.dto';
import { UnclaimedEntryDto } from '../dto/property-responses.dto';
import { CashAccount } from '../entities/cash-account.entity';
import { CashMovement } from '../entities/cash-movement.entity';
import { PropertyItem } from '../entities/property-item.entity';
import { UnclaimedNotice } from '../entities/unclaimed-notice.entity';
import { CashService } from '../cash/cash.service';
import { ItemsService } from '../items/items.service';
import { PropertyScopeService } from '../property-scope.service';
import { CashMovementType, ItemMovementType, ItemStatus, STILL_HELD } from '../property.enums';
import { cashLine, toCashAccountResponse } from '../property.mapper';
import { CASH_HANDOVER_IN_TRANSIT, handoverInTransit } from '../transfers/handover-in-transit';

/** Exits after which a handover still in transit will never arrive: the sending centre has to take it back. */
const ENDED_IN_CUSTODY: ReadonlySet<StayStatus> = new Set([StayStatus.Absconded, StayStatus.Deceased]);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Belongings left behind after an exit: listed with a deadline, notified, then abandoned by a manager. */
@Injectable()
export class UnclaimedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(propertyConfig.KEY) private readonly config: PropertyConfig,
    private readonly scope: PropertyScopeService,
    private readonly centres: CentresService,
    private readonly items: ItemsService,
    private readonly cash: CashService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, centreId: string): Promise<UnclaimedEntryDto[]> {
    await this.centres.requireAccess(actor, centreId);
    // Only ended stays: the belongings of everyone present are held too, and are not unclaimed.
    const rows: { stay_id: string }[] = await this.dataSource.query(
      `SELECT held.stay_id FROM (
         SELECT stay_id FROM property_items WHERE centre_id = $1 AND status IN ('held', 'out_temporarily', 'handed_over')
         UNION SELECT stay_id FROM cash_accounts WHERE centre_id = $1 AND balance_minor > 0
         UNION SELECT c.stay_id FROM cash_movements c WHERE c.centre_id = $1 AND ${CASH_HANDOVER_IN_TRANSIT}
       ) held JOIN stays s ON s.id = held.stay_id WHERE s.status <> $2`,
      [centreId, StayStatus.Active],
    );
    const entries: UnclaimedEntryDto[] = [];
    for (const { stay_id } of rows) {
      const entry = await this.entry(this.dataSource.manager, stay_id);
      if (entry) entries.push(entry);
    }
    return entries.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  }

  /** Records the notice sent to the forwarding address (the person's, unless another is given). */
  async notify(actor: Actor, stayId: string, dto: UnclaimedNoticeDto): Promise<UnclaimedEntryDto> {
    const pre = await this.scope.requireStay(actor, stayId);
    return this.dataSource.transaction(async (m) => {
      const { stay, centre } = await this.scope.lockStay(actor, stayId, m, pre.centre, 'any');
      const entry = await this.entry(m, stayId);
      if (!entry)
        throw new Conflict('NOTHING_UNCLAIMED', 'Nothing of this stay is left unclaimed after exit');
      const notice = await m.getRepository(UnclaimedNotice).save(
        m.create(UnclaimedNotice, {
          centreId: centre.id,
          stayId: stay.id,
          forwardingAddress: dto.forwardingAddress,
          channel: dto.channel,
          sentAt: new Date(),
          recordedBy: actor.id,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'property.unclaimed.notice',
        entityType: 'stay',
        entityId: stayId,
        centreId: centre.id,
        details: { noticeId: notice.id, channel: dto.channel, deadline: entry.deadline.toISOString() },
      });
      return (await this.entry(m, stayId))!;
    });
  }

  /**
   * After the deadline and a recorded notice, a manager marks what is left abandoned and disposes of it. Never
   * while the person has an ACTIVE stay anywhere: they are back, and get their belongings back instead.
   */
  async abandon(actor: Actor, stayId: string, dto: AbandonPropertyDto): Promise<UnclaimedEntryDto> {
    this.scope.assertManager(actor, 'Marking property abandoned');
    const pre = await this.scope.requireStay(actor, stayId);
    return this.dataSource.transaction(async (m) => {
      // The root record of the person's identity group first, the row every admission's trigger locks before it
      // looks (stays_one_active_per_identity_group): a re-admission under any of the person's records either
      // committed before (and is seen below) or waits for this transaction. Only the root: an admission holds
      // the record it admits while it waits for the root, so locking that record too could deadlock.
      await m.query(
        `SELECT 1 FROM persons
          WHERE id IN (SELECT person_identity_group($1))
            AND id NOT IN (SELECT merged_person_id FROM person_merges WHERE unmerged_at IS NULL)
          FOR UPDATE`,
        [pre.stay.personId],
      );
      const { stay, centre } = await this.scope.lockStay(actor, stayId, m, pre.centre, 'any');
      const entry = await this.entry(m, stayId);
      if (!entry)
        throw new Conflict('NOTHING_UNCLAIMED', 'Nothing of this stay is left unclaimed after exit');
      const held = await this.scope.activeStayOf(stay.personId, m);
      if (held) {
        // The owner is here to claim them: their passport and money go back on a receipt, never to disposal.
        throw new Conflict(
          'PERSON_IN_CUSTODY',
          `The person is in custody again (ACTIVE stay at centre ${held.centre!.code}): return the belongings ` +
            `to them (POST /stays/${stayId}/property/returns) instead of abandoning them`,
          [
            {
              field: 'stayId',
              message: `the person of this stay has an ACTIVE stay at ${held.centre!.code}`,
            },
          ],
        );
      }
      if (entry.inTransit.items.length || entry.inTransit.cash.length) {
        throw new Conflict(
          'HANDOVER_NOT_REVERSED',
          'Belongings handed over for a transfer that did not happen must be taken back into store first ' +
            '(POST /stays/:stayId/property/transfer-handover/reversal)',
        );
      }
      if (!entry.noticeSentAt) {
        throw new Conflict('NOTICE_REQUIRED', 'No notice to the forwarding address is on record yet');
      }
      if (!entry.deadlinePassed) {
        throw new Conflict(
          'DEADLINE_NOT_PASSED',
          `Unclaimed property is kept until ${entry.deadline.toISOString()}`,
        );
      }
      const items = await m.getRepository(PropertyItem).findBy({ stayId, status: In(STILL_HELD) });
      for (const item of items) {
        await m.getRepository(PropertyItem).update({ id: item.id }, {
          status: ItemStatus.Disposed,
          disposalAuthorisedBy: actor.id,
          disposalReason: `abandoned: ${dto.reason}`,
          version: () => 'version + 1',
        } as never);
        await this.items.record(m, actor, item, {
          type: ItemMovementType.Disposed,
          toStatus: ItemStatus.Disposed,
          toLocation: 'disposed',
          reason: `abandoned: ${dto.reason}`,
          authorisedBy: actor.id,
        });
      }
      for (const account of await m.getRepository(CashAccount).findBy({ stayId })) {
        if (account.balanceMinor === 0) continue;
        await this.cash.apply(m, actor, {
          centreId: centre.id,
          stayId,
          personId: stay.personId,
          currency: account.currency,
          amountMinor: -account.balanceMinor,
          type: CashMovementType.Disposed,
          purpose: `abandoned: ${dto.reason}`,
          authorisedBy: actor.id,
        });
      }
      await this.items.releaseEmptyBags(m, stayId);
      await this.audit.record(m, actor, {
        action: 'property.unclaimed.abandon',
        entityType: 'stay',
        entityId: stayId,
        centreId: centre.id,
        details: {
          itemIds: items.map((i) => i.id),
          cash: entry.cash.map((c) => c.balance),
          reason: dto.reason,
        },
      });
      return { ...entry, items: [], cash: [], inTransit: { items: [], cash: [] } };
    });
  }

  /**
   * The unclaimed entry of a stay that has exited with something still held, or (ABSCONDED, DECEASED) still in
   * transit from a handover that will never arrive, else null.
   */
  private async entry(m: EntityManager, stayId: string): Promise<UnclaimedEntryDto | null> {
    const stay = await this.scope.findStay(stayId, m);
    if (!stay || !this.scope.isExited(stay)) return null;
    const items = await m.getRepository(PropertyItem).findBy({ stayId, status: In(STILL_HELD) });
    const cash = (await m.getRepository(CashAccount).findBy({ stayId })).filter((a) => a.balanceMinor > 0);
    const inTransit = await this.inTransit(m, stay);
    if (!items.length && !cash.length && !inTransit.items.length && !inTransit.cash.length) return null;
    const notice = await m
      .getRepository(UnclaimedNotice)
      .findOne({ where: { stayId }, order: { sentAt: 'DESC' } });
    // From when the exit was recorded, not when it is said to have happened: an absconding recorded as weeks
    // ago must not leave the person less time to claim their belongings (set for every ended stay,
    // CHK_stays_exit_recorded). And never sooner than PROPERTY_NOTICE_DAYS after the notice: one sent on the
    // last day must still give the person time to come.
    const deadline = new Date(
      Math.max(
        stay.exitRecordedAt!.getTime() + this.config.unclaimedDays * DAY_MS,
        notice ? notice.sentAt.getTime() + this.config.noticeDays * DAY_MS : 0,
      ),
    );
    return {
      stayId,
      personId: stay.personId,
      stayStatus: stay.status,
      exitedAt: stay.exitedAt,
      exitRecordedAt: stay.exitRecordedAt,
      deadline,
      deadlinePassed: deadline.getTime() <= Date.now(),
      items,
      cash: cash.map(toCashAccountResponse),
      inTransit,
      noticeSentAt: notice?.sentAt ?? null,
      forwardingAddress: notice?.forwardingAddress ?? stay.person?.forwardingAddress ?? null,
      personInCustody: (await this.scope.activeStayOf(stay.personId, m)) !== null,
    };
  }

  private async inTransit(m: EntityManager, stay: Stay): Promise<UnclaimedEntryDto['inTransit']> {
    if (!ENDED_IN_CUSTODY.has(stay.status)) return { items: [], cash: [] };
    const { itemMoves, cashMoveIds } = await handoverInTransit(m, stay.id);
    const items = itemMoves.length
      ? await m.getRepository(PropertyItem).findBy({ id: In(itemMoves.map((r) => r.item_id)) })
      : [];
    const totals = new Map<string, number>();
    if (cashMoveIds.length) {
      for (const c of await m.getRepository(CashMovement).findBy({ id: In(cashMoveIds) }))
        totals.set(c.currency, (totals.get(c.currency) ?? 0) - c.amountMinor);
    }
    return {
      items,
      cash: [...totals]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => cashLine(currency, amount)),
    };
  }
}
