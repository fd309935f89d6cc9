import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { ReferralType } from './attention-decision';
import { CreateReferralDto, ReferralResponseDto, UpdateReferralStatusDto } from './dto/referral.dto';
import { Referral, ReferralStatus } from './entities/referral.entity';
import { Stay } from './entities/stay.entity';
import { StaysService } from './stays.service';

/** Where each status may go: forward only; ACCEPTED and DECLINED are final. */
const NEXT: Record<ReferralStatus, ReferralStatus[]> = {
  [ReferralStatus.Pending]: [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Declined],
  [ReferralStatus.Sent]: [ReferralStatus.Accepted, ReferralStatus.Declined],
  [ReferralStatus.Accepted]: [],
  [ReferralStatus.Declined]: [],
};

const CONSULAR_REQUEST_WITHDRAWN =
  'The person withdrew the request for consular assistance (screening amended)';

/** A referral still binding on the stay (a declined one no longer is). */
export const OPEN_REFERRAL = [ReferralStatus.Pending, ReferralStatus.Sent, ReferralStatus.Accepted];

@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Audited (referral.read), as reading the screening is: a referral's reasons are the screening's indicators
   * (sexual violence, self-harm risk, trafficking, pregnancy).
   */
  async list(actor: Actor, stayId: string): Promise<ReferralResponseDto[]> {
    const stay = await this.stays.requireStay(actor, stayId);
    const referrals = await this.ofStay(this.dataSource.manager, stayId);
    await this.audit.recordAlone(actor, {
      action: 'referral.read',
      entityType: 'stay',
      entityId: stayId,
      centreId: stay.centreId,
      details: { referrals: referrals.length },
    });
    return referrals;
  }

  ofStay(m: EntityManager, stayId: string): Promise<Referral[]> {
    return m.getRepository(Referral).find({ where: { stayId }, order: { createdAt: 'ASC', type: 'ASC' } });
  }

  hasOpen(m: EntityManager, stayId: string, type: ReferralType): Promise<boolean> {
    return m.getRepository(Referral).existsBy({ stayId, type, status: In(OPEN_REFERRAL) });
  }

  /**
   * Raises the referrals a screening implies, inside its transaction. One referral per type per stay: an
   * existing one keeps its status and gains the new reasons; nothing is withdrawn by an amendment. A DECLINED
   * one is reopened (PENDING) when it is given a new reason (what the authority declined is not what it is asked
   * now), when it was closed only because the person took a consular request back and asks again, and, with
   * `reopenDeclined`, whatever the reasons (a child whose accompanying adult has just left): a DECLINED referral
   * cannot be raised again any other way.
   */
  async raise(
    m: EntityManager,
    actor: Actor,
    stay: Stay,
    screeningId: string | null,
    wanted: { type: ReferralType; reasons: string[] }[],
    { reopenDeclined = false }: { reopenDeclined?: boolean } = {},
  ): Promise<void> {
    const existing = new Map((await this.ofStay(m, stay.id)).map((r) => [r.type, r]));
    for (const { type, reasons } of wanted) {
      const current = existing.get(type);
      if (!current) {
        const referral = await m
          .getRepository(Referral)
          .save(m.create(Referral, { stayId: stay.id, centreId: stay.centreId, type, reasons, screeningId }));
        await this.audit.record(m, actor, {
          action: 'referral.raise',
          entityType: 'referral',
          entityId: referral.id,
          centreId: stay.centreId,
          details: { stayId: stay.id, type, reasons },
        });
        continue;
      }
      const added = reasons.filter((r) => !current.reasons.includes(r));
      const reopened =
        current.status === ReferralStatus.Declined &&
        (added.length > 0 || reopenDeclined || current.note === CONSULAR_REQUEST_WITHDRAWN);
      if (added.length || reopened) {
        await m.getRepository(Referral).update(current.id, {
          reasons: [...current.reasons, ...added],
          ...(reopened
            ? {
                status: ReferralStatus.Pending,
                note: null,
                statusChangedAt: new Date(),
                statusChangedById: actor.id,
              }
            : {}),
        });
        await this.audit.record(m, actor, {
          action: reopened ? 'referral.reopen' : 'referral.reasons-added',
          entityType: 'referral',
          entityId: current.id,
          centreId: stay.centreId,
          details: {
            stayId: stay.id,
            type,
            added,
            screeningId,
            ...(reopened
              ? {
                  declined: {
                    note: current.note,
                    at: current.statusChangedAt,
                    by: current.statusChangedById,
                  },
                }
              : {}),
          },
        });
      }
    }
  }

  /**
   * The person does not, or no longer, ask for consular assistance (a screening that says so): a consular
   * referral not yet accepted is closed as DECLINED with that note, so nobody contacts the consulate of someone
   * who may be fleeing their state. One already accepted stays as it is: the consulate knows.
   */
  async withdrawConsularRequest(
    m: EntityManager,
    actor: Actor,
    stay: Stay,
    screeningId: string,
  ): Promise<void> {
    const open = await m.getRepository(Referral).findOneBy({
      stayId: stay.id,
      type: ReferralType.Consular,
      status: In([ReferralStatus.Pending, ReferralStatus.Sent]),
    });
    if (!open) return;
    await m.getRepository(Referral).update(open.id, {
      status: ReferralStatus.Declined,
      note: CONSULAR_REQUEST_WITHDRAWN,
      statusChangedAt: new Date(),
      statusChangedById: actor.id,
    });
    await this.auditStatus(m, actor, open, ReferralStatus.Declined, CONSULAR_REQUEST_WITHDRAWN, {
      screeningId,
    });
  }

  /** The audit entry of a status change: from, to, and the note it gave (null if it kept the one before). */
  private auditStatus(
    m: EntityManager,
    actor: Actor,
    referral: Referral,
    to: ReferralStatus,
    note: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(m, actor, {
      action: 'referral.status',
      entityType: 'referral',
      entityId: referral.id,
      centreId: referral.centreId,
      details: { stayId: referral.stayId, type: referral.type, from: referral.status, to, note, ...extra },
    });
  }

  /** A referral the screening did not imply (consular assistance asked for later, a medical concern). */
  async create(actor: Actor, stayId: string, dto: CreateReferralDto): Promise<ReferralResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const stay = await this.stays.requireStayForUpdate(actor, stayId, m);
      this.stays.assertActive(stay);
      if (await m.getRepository(Referral).existsBy({ stayId, type: dto.type })) {
        throw new Conflict('REFERRAL_EXISTS', `The stay already has a ${dto.type} referral`, [
          { field: 'type', message: 'already referred' },
        ]);
      }
      await this.raise(m, actor, stay, null, [{ type: dto.type, reasons: [dto.reason] }]);
      return m.getRepository(Referral).findOneByOrFail({ stayId, type: dto.type });
    });
  }

  async updateStatus(actor: Actor, id: string, dto: UpdateReferralStatusDto): Promise<ReferralResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const referral = await m.getRepository(Referral).findOneBy({ id });
      if (!referral) throw new NotFoundInScope('Referral');
      // Locked: a transfer being accepted copies the stay's referrals, and must not miss this change.
      const stay = await this.stays.requireStayForUpdate(actor, referral.stayId, m);
      this.stays.assertWritable(stay);
      // A declined child protection referral frees a child's release from the child protection gate: it is
      // recorded by a centre manager, with the authority's answer in the note, never by anyone else alone.
      if (
        referral.type === ReferralType.ChildProtection &&
        dto.status === ReferralStatus.Declined &&
        !(hasRole(actor, Role.CentreManager) && dto.note?.trim())
      ) {
        throw new RuleViolation(
          'CHILD_PROTECTION_DECLINE',
          "Only a centre manager records that child protection declined a referral, with the authority's answer in the note",
          [{ field: 'status', message: 'DECLINED needs a centre manager and a note' }],
        );
      }
      if (!NEXT[referral.status].includes(dto.status)) {
        throw new Conflict(
          'REFERRAL_STATUS_TRANSITION',
          `A ${referral.status} referral cannot become ${dto.status}`,
          [
            {
              field: 'status',
              message: `allowed from ${referral.status}: ${NEXT[referral.status].join(', ') || 'none'}`,
            },
          ],
        );
      }
      await updateVersioned(
        m,
        Referral,
        id,
        dto.version,
        {
          status: dto.status,
          // A status change without a note keeps the one before (the case reference the authority gave).
          note: dto.note ?? referral.note,
          statusChangedAt: new Date(),
          statusChangedById: actor.id,
        },
        'Referral',
      );
      await this.auditStatus(m, actor, referral, dto.status, dto.note ?? null);
      return m.getRepository(Referral).findOneByOrFail({ id });
    });
  }
}
