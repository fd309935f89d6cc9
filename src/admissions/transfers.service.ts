import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { Actor, canSeeCentre } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { DocumentsService } from '../documents/documents.service';
import { CentresService } from '../centres/centres.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { admissionsConfig, AdmissionsConfig } from '../config/admissions.config';
import {
  AcceptTransferDto,
  CreateTransferDto,
  DecideTransferDto,
  TransferQueryDto,
  TransferResponseDto,
} from './dto/transfer.dto';
import { Referral } from './entities/referral.entity';
import { ONE_ACTIVE_STAY_PER_IDENTITY_GROUP, Stay, StayStatus } from './entities/stay.entity';
import { Transfer, TransferStatus } from './entities/transfer.entity';
import { ChildSeparationService } from './child-separation.service';
import { ExitsService } from './exits.service';
import { revokeTransferManifest } from './transfer-manifest-revocation';
import { OPEN_REFERRAL } from './referrals.service';
import { isChildAt } from './stay.mapper';
import { StaysService } from './stays.service';

/**
 * Transfers between centres. The sending centre requests (gated as TRANSFER_OUT); the receiving centre
 * accepts (gated as TRANSFER_IN), which closes the old stay as TRANSFERRED and opens the new ACTIVE stay
 * in one transaction; it may also reject, and the sending centre may cancel.
 */
@Injectable()
export class TransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(admissionsConfig.KEY) private readonly config: AdmissionsConfig,
    private readonly stays: StaysService,
    private readonly exits: ExitsService,
    private readonly separation: ChildSeparationService,
    private readonly centres: CentresService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  async request(actor: Actor, stayId: string, dto: CreateTransferDto): Promise<TransferResponseDto> {
    const id = await this.requestIn(actor, stayId, dto);
    return this.get(actor, id);
  }

  private requestIn(actor: Actor, stayId: string, dto: CreateTransferDto): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const stay = await this.stays.requireStayForUpdate(actor, stayId, m);
      this.stays.assertActive(stay);
      await this.centres.assertExist([dto.toCentreId], 'toCentreId', m);
      if (dto.toCentreId === stay.centreId) {
        throw new RuleViolation('TRANSFER_SAME_CENTRE', 'The receiving centre is the current centre', [
          { field: 'toCentreId', message: 'must be another centre' },
        ]);
      }
      if (await m.getRepository(Transfer).existsBy({ stayId, status: TransferStatus.Pending })) {
        throw new Conflict('TRANSFER_PENDING', 'The stay already has a pending transfer');
      }
      const candidate = ExitsService.candidate(stay, actor, dto.legalBasis);
      await this.exits.enforceGates({
        manager: m,
        actor,
        stay: candidate,
        kind: 'TRANSFER_OUT',
        receivingCentreId: dto.toCentreId,
      });
      const transfer = await m.getRepository(Transfer).save(
        m.create(Transfer, {
          stayId,
          fromCentreId: stay.centreId,
          toCentreId: dto.toCentreId,
          legalBasis: candidate.exitLegalBasis!,
          authorisedById: candidate.exitAuthorisedById!,
          reason: dto.reason ?? null,
          requestedAt: new Date(),
          requestedById: actor.id,
        }),
      );
      // The manifest travels with the person; queued in the transfer's transaction.
      await this.documents.requestInTransaction(m, actor, { type: 'transfer-manifest', subjectId: stayId });
      await this.audit.record(m, actor, {
        action: 'transfer.request',
        entityType: 'transfer',
        entityId: transfer.id,
        centreId: stay.centreId,
        details: { stayId, toCentreId: dto.toCentreId },
      });
      return transfer.id;
    });
  }

  async accept(actor: Actor, id: string, dto: AcceptTransferDto): Promise<TransferResponseDto> {
    try {
      await this.acceptIn(actor, id, dto);
    } catch (err) {
      // Another record merged with this person's is ACTIVE elsewhere (data from before the rule held): the
      // trigger's message names that centre.
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { constraint?: string }).constraint === ONE_ACTIVE_STAY_PER_IDENTITY_GROUP
      ) {
        throw new Conflict('PERSON_ALREADY_ADMITTED', (err.driverError as Error).message);
      }
      throw err;
    }
    return this.get(actor, id);
  }

  private acceptIn(actor: Actor, id: string, dto: AcceptTransferDto): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      const transfer = await this.lockPending(m, actor, id, 'to');
      // Locked without joins: FOR UPDATE cannot apply to the nullable side of an outer join.
      await m
        .getRepository(Stay)
        .findOne({ where: { id: transfer.stayId }, lock: { mode: 'pessimistic_write' } });
      const old = await this.stays.findStay(transfer.stayId, m);
      if (!old || old.status !== StayStatus.Active) {
        throw new Conflict('STAY_NOT_ACTIVE', 'The stay to transfer is no longer ACTIVE');
      }
      const candidate = Object.assign(new Stay(), old, {
        exitLegalBasis: transfer.legalBasis,
        exitAuthorisedById: transfer.authorisedById,
      });
      await this.exits.enforceGates({
        manager: m,
        actor,
        stay: candidate,
        kind: 'TRANSFER_IN',
        receivingCentreId: transfer.toCentreId,
      });
      const now = new Date();
      // The old stay closes first: the one-ACTIVE-stay index must hold at every statement.
      await updateVersioned(
        m,
        Stay,
        old.id,
        old.version,
        {
          status: StayStatus.Transferred,
          exitedAt: now,
          exitLegalBasis: transfer.legalBasis,
          exitAuthorisedById: transfer.authorisedById,
        },
        'Stay',
      );
      await this.separation.separateChildrenOf(m, actor, {
        id: old.id,
        status: StayStatus.Transferred,
        toCentreId: transfer.toCentreId,
      });
      const companion = await this.companionAfterTransfer(m, old, transfer.toCentreId);
      // A child on the receiving centre's calendar date.
      const child = isChildAt(old.person!, old, now, await this.centres.timeZoneOf(transfer.toCentreId, m));
      const fresh = await m.getRepository(Stay).save(
        m.create(Stay, {
          personId: old.personId,
          centreId: transfer.toCentreId,
          status: StayStatus.Active,
          admittedAt: now,
          admittedById: actor.id,
          arrivedAt: now,
          arrivalPlace: null,
          broughtBy: `Transfer ${transfer.id}`,
          groupId: old.groupId,
          accompaniedByStayId: companion?.stayId ?? null,
          relationshipToAccompanying: companion ? old.relationshipToAccompanying : null,
          claimedChild: old.claimedChild,
          unaccompanied: child && !companion?.present,
          legalBasis: transfer.legalBasis,
          accommodationUnit: dto.accommodationUnit ?? null,
          // The person's medical screening is one, whichever centre holds them: done stays done, and a
          // deadline never moves later by a transfer (it would drop off every overdue list).
          medicalScreeningDueAt: new Date(
            Math.min(
              old.medicalScreeningDueAt.getTime(),
              now.getTime() + this.config.medicalScreeningDeadlineHours * 3600_000,
            ),
          ),
          medicalScreeningDoneAt: old.medicalScreeningDoneAt,
          medicalScreeningDoneById: old.medicalScreeningDoneById,
        }),
      );
      await this.carryReferrals(m, actor, old, fresh);
      if (fresh.unaccompanied) await this.separation.referAlone(m, actor, fresh);
      await updateVersioned(
        m,
        Transfer,
        id,
        dto.version,
        { status: TransferStatus.Accepted, decidedAt: now, decidedById: actor.id, newStayId: fresh.id },
        'Transfer',
      );
      await this.audit.record(m, actor, {
        action: 'stay.transfer-out',
        entityType: 'stay',
        entityId: old.id,
        centreId: old.centreId,
        details: { transferId: id, toCentreId: transfer.toCentreId, newStayId: fresh.id },
      });
      await this.audit.record(m, actor, {
        action: 'transfer.accept',
        entityType: 'transfer',
        entityId: id,
        centreId: transfer.toCentreId,
        details: { fromStayId: old.id, newStayId: fresh.id, personId: old.personId },
      });
    });
  }

  /** The stay's current transfer (pending, else the accepted one), read in the caller's transaction. */
  latestOf(m: EntityManager, stayId: string): Promise<Transfer | null> {
    return m.getRepository(Transfer).findOne({
      where: { stayId, status: In([TransferStatus.Pending, TransferStatus.Accepted]) },
      order: { requestedAt: 'DESC' },
    });
  }

  /** Where a pending transfer is taking this stay (identity: who verifies at TRANSFER_IN). */
  async receivingCentreOf(
    stayId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const pending = await m.getRepository(Transfer).findOneBy({ stayId, status: TransferStatus.Pending });
    return pending?.toCentreId ?? null;
  }

  reject(actor: Actor, id: string, dto: DecideTransferDto): Promise<TransferResponseDto> {
    return this.close(actor, id, dto, TransferStatus.Rejected, 'to');
  }

  cancel(actor: Actor, id: string, dto: DecideTransferDto): Promise<TransferResponseDto> {
    return this.close(actor, id, dto, TransferStatus.Cancelled, 'from');
  }

  /** A transfer is visible to both the sending and the receiving centre. */
  async get(actor: Actor, id: string): Promise<TransferResponseDto> {
    const transfer = await this.dataSource
      .getRepository(Transfer)
      .findOne({ where: { id }, relations: { stay: { person: true } } });
    if (
      !transfer ||
      !(canSeeCentre(actor, transfer.fromCentreId) || canSeeCentre(actor, transfer.toCentreId))
    ) {
      throw new NotFoundInScope('Transfer');
    }
    return toTransferResponse(transfer);
  }

  /** A centre's incoming and outgoing transfers, newest first. */
  async listForCentre(
    actor: Actor,
    centreId: string,
    query: TransferQueryDto,
  ): Promise<TransferResponseDto[]> {
    await this.centres.requireAccess(actor, centreId);
    const qb = this.dataSource
      .getRepository(Transfer)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.stay', 's')
      .innerJoinAndSelect('s.person', 'p')
      .where(new Brackets((w) => w.where('t.from_centre_id = :c').orWhere('t.to_centre_id = :c')), {
        c: centreId,
      })
      .orderBy('t.requested_at', 'DESC')
      .limit(500);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    return (await qb.getMany()).map(toTransferResponse);
  }

  private async close(
    actor: Actor,
    id: string,
    dto: DecideTransferDto,
    status: TransferStatus.Rejected | TransferStatus.Cancelled,
    side: 'from' | 'to',
  ): Promise<TransferResponseDto> {
    await this.dataSource.transaction(async (m) => {
      const transfer = await this.lockPending(m, actor, id, side);
      await updateVersioned(
        m,
        Transfer,
        id,
        dto.version,
        { status, decidedAt: new Date(), decidedById: actor.id, decisionNote: dto.reason },
        'Transfer',
      );
      await this.audit.record(m, actor, {
        action: `transfer.${status === TransferStatus.Rejected ? 'reject' : 'cancel'}`,
        entityType: 'transfer',
        entityId: id,
        centreId: side === 'to' ? transfer.toCentreId : transfer.fromCentreId,
        details: { stayId: transfer.stayId },
      });
      await revokeTransferManifest(this.documents, m, actor, transfer.stayId, status);
    });
    return this.get(actor, id);
  }

  /** Only the receiving centre accepts or rejects, only the sending centre cancels; others get 404. */
  private async lockPending(
    m: EntityManager,
    actor: Actor,
    id: string,
    side: 'from' | 'to',
  ): Promise<Transfer> {
    const transfer = await m
      .getRepository(Transfer)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const centreId = side === 'to' ? transfer?.toCentreId : transfer?.fromCentreId;
    if (!transfer || !centreId || !canSeeCentre(actor, centreId)) throw new NotFoundInScope('Transfer');
    if (transfer.status !== TransferStatus.Pending) {
      throw new Conflict('TRANSFER_NOT_PENDING', `The transfer is ${transfer.status}`, [
        { field: 'status', message: `is ${transfer.status}` },
      ]);
    }
    return transfer;
  }

  /**
   * A child keeps the link to their accompanying adult only if the adult was already transferred to the same
   * centre; the adult is `present` if still held there (not released, absconded or moved on since). A link to
   * an adult who is gone is kept as history, as when an adult leaves (ChildSeparationService).
   */
  private async companionAfterTransfer(
    m: EntityManager,
    old: Stay,
    toCentreId: string,
  ): Promise<{ stayId: string; present: boolean } | null> {
    if (!old.accompaniedByStayId) return null;
    const adult = await m
      .getRepository(Transfer)
      .findOneBy({ stayId: old.accompaniedByStayId, toCentreId, status: TransferStatus.Accepted });
    if (!adult?.newStayId) return null;
    const adultStay = await m.getRepository(Stay).findOneBy({ id: adult.newStayId });
    return { stayId: adult.newStayId, present: adultStay?.status === StayStatus.Active };
  }

  /** Open referrals follow the person: the receiving centre must not lose a pending child protection case. */
  private async carryReferrals(m: EntityManager, actor: Actor, old: Stay, fresh: Stay): Promise<void> {
    const open = await m.getRepository(Referral).findBy({ stayId: old.id, status: In(OPEN_REFERRAL) });
    for (const r of open) {
      const carried = await m.getRepository(Referral).save(
        m.create(Referral, {
          stayId: fresh.id,
          centreId: fresh.centreId,
          type: r.type,
          status: r.status,
          reasons: r.reasons,
          screeningId: null,
          // What the authority was told, and its case reference, go with the referral.
          note: r.note,
          statusChangedAt: r.statusChangedAt,
          statusChangedById: r.statusChangedById,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'referral.carry-over',
        entityType: 'referral',
        entityId: carried.id,
        centreId: fresh.centreId,
        details: {
          stayId: fresh.id,
          fromReferralId: r.id,
          fromStayId: old.id,
          type: r.type,
          status: r.status,
        },
      });
    }
  }
}

function toTransferResponse(t: Transfer): TransferResponseDto {
  const p = t.stay!.person!;
  return {
    id: t.id,
    stayId: t.stayId,
    fromCentreId: t.fromCentreId,
    toCentreId: t.toCentreId,
    status: t.status,
    legalBasis: t.legalBasis,
    authorisedById: t.authorisedById,
    reason: t.reason,
    requestedAt: t.requestedAt,
    requestedById: t.requestedById,
    decidedAt: t.decidedAt,
    decidedById: t.decidedById,
    decisionNote: t.decisionNote,
    newStayId: t.newStayId,
    person: {
      id: p.id,
      givenNames: p.givenNames,
      familyNames: p.familyNames,
      sex: p.sex,
      dateOfBirth: p.dateOfBirth,
      nationalities: p.nationalities,
      preferredLanguage: p.preferredLanguage,
    },
    version: t.version,
  };
}
