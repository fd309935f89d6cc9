import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { DocumentsService } from '../documents/documents.service';
import { Conflict, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { ChildSeparationService } from './child-separation.service';
import { ExitDto, ReleaseDto } from './dto/exit.dto';
import { ReleaseReadinessQueryDto, ReleaseReadinessResponseDto } from './dto/release-readiness.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import { Stay, StayStatus } from './entities/stay.entity';
import { Transfer, TransferStatus } from './entities/transfer.entity';
import { ExitBlocked } from './exit-blocked.exception';
import { ExitGateContext } from './gates/exit-gate';
import { ExitGateRegistry } from './gates/exit-gate.registry';
import { StaysService } from './stays.service';
import { revokeTransferManifest } from './transfer-manifest-revocation';

const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Release (gated), the ungated ends of a stay (ABSCONDED, DECEASED), and the gates' dry run. */
@Injectable()
export class ExitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly separation: ChildSeparationService,
    private readonly gates: ExitGateRegistry,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  /** The stay as the exit would record it: the legal basis given, the caller as authorising manager. */
  static candidate(stay: Stay, actor: Actor, legalBasis: string | undefined): Stay {
    return Object.assign(new Stay(), stay, {
      exitLegalBasis: legalBasis ?? stay.exitLegalBasis,
      exitAuthorisedById: hasRole(actor, Role.CentreManager) ? actor.id : stay.exitAuthorisedById,
    });
  }

  /**
   * Runs every registered gate inside the exit's transaction. A refusal answers 409 EXIT_BLOCKED listing every
   * failed gate; it is audited once the exit's transaction has rolled back (see ApiExceptionFilter).
   */
  async enforceGates(ctx: ExitGateContext): Promise<void> {
    const failures = await this.gates.evaluate(ctx);
    if (!failures.length) return;
    throw new ExitBlocked(failures).audited({
      action: `stay.${ctx.kind.toLowerCase().replace('_', '-')}`,
      entityType: 'stay',
      entityId: ctx.stay.id,
      centreId: ctx.kind === 'TRANSFER_IN' ? (ctx.receivingCentreId ?? null) : ctx.stay.centreId,
      details: { gates: failures.map((f) => f.code) },
    });
  }

  /** Evaluates every gate as if the caller acted now with these values, without changing anything. */
  async readiness(
    actor: Actor,
    stayId: string,
    query: ReleaseReadinessQueryDto,
  ): Promise<ReleaseReadinessResponseDto> {
    const kind = query.kind ?? 'RELEASE';
    const failures = await this.dataSource.transaction(async (manager) => {
      const stay = await this.stays.requireStay(actor, stayId, manager);
      this.stays.assertActive(stay);
      return this.gates.evaluate({
        manager,
        actor,
        stay: ExitsService.candidate(stay, actor, query.legalBasis),
        kind,
        releaseTo: query.releaseTo,
        receivingCentreId: query.receivingCentreId,
      });
    });
    return { stayId, kind, ready: failures.length === 0, gates: this.gates.names, failures };
  }

  async release(actor: Actor, stayId: string, dto: ReleaseDto): Promise<StayResponseDto> {
    await this.releaseIn(actor, stayId, dto);
    return this.stays.get(actor, stayId);
  }

  private releaseIn(actor: Actor, stayId: string, dto: ReleaseDto): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      const stay = await this.lockActive(m, actor, stayId);
      await this.assertNoPendingTransfer(m, stay);
      const candidate = ExitsService.candidate(stay, actor, dto.legalBasis);
      await this.enforceGates({
        manager: m,
        actor,
        stay: candidate,
        kind: 'RELEASE',
        releaseTo: dto.releaseTo,
      });
      await updateVersioned(
        m,
        Stay,
        stay.id,
        dto.version,
        {
          status: StayStatus.Released,
          exitedAt: new Date(),
          releaseTo: dto.releaseTo,
          exitLegalBasis: candidate.exitLegalBasis,
          exitAuthorisedById: candidate.exitAuthorisedById,
        },
        'Stay',
      );
      await this.separation.separateChildrenOf(m, actor, { id: stay.id, status: StayStatus.Released });
      // The custody document the person leaves with, queued in the release transaction.
      await this.documents.requestInTransaction(m, actor, {
        type: 'release-certificate',
        subjectId: stay.id,
      });
      await this.audit.record(m, actor, {
        action: 'stay.release',
        entityType: 'stay',
        entityId: stay.id,
        centreId: stay.centreId,
        details: { releaseTo: dto.releaseTo, authorisedById: candidate.exitAuthorisedById },
      });
    });
  }

  /** ABSCONDED or DECEASED: not gated (nobody is handed over), but only a manager, with a report. */
  async exit(actor: Actor, stayId: string, dto: ExitDto): Promise<StayResponseDto> {
    const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : new Date();
    await this.dataSource.transaction(async (m) => {
      const stay = await this.lockActive(m, actor, stayId);
      if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS || occurredAt < stay.admittedAt) {
        throw new RuleViolation('EXIT_TIME', 'The time must be between admission and now', [
          { field: 'occurredAt', message: 'must be between the admission and now' },
        ]);
      }
      // A transfer can no longer happen: it is cancelled with the stay's end, and the receiving centre, which
      // expects the person, finds the cancellation in its own chain.
      // Locked: a reject or cancel of the same transfer at this moment either lands first (and the row is no
      // longer PENDING here) or waits for this exit.
      const pending = await m.getRepository(Transfer).find({
        where: { stayId: stay.id, status: TransferStatus.Pending },
        lock: { mode: 'pessimistic_write' },
      });
      for (const transfer of pending) {
        await m.getRepository(Transfer).update(transfer.id, {
          status: TransferStatus.Cancelled,
          decidedAt: new Date(),
          decidedById: actor.id,
          decisionNote: `Stay ended: ${dto.outcome}`,
        });
        await this.audit.record(m, actor, {
          action: 'transfer.cancel',
          entityType: 'transfer',
          entityId: transfer.id,
          centreId: transfer.toCentreId,
          details: { stayId: stay.id, cause: `stay.${dto.outcome.toLowerCase()}` },
        });
      }
      if (pending.length) {
        await revokeTransferManifest(this.documents, m, actor, stay.id, TransferStatus.Cancelled);
      }
      await updateVersioned(
        m,
        Stay,
        stay.id,
        dto.version,
        { status: dto.outcome, exitedAt: occurredAt, exitReport: dto.report, exitAuthorisedById: actor.id },
        'Stay',
      );
      await this.separation.separateChildrenOf(m, actor, { id: stay.id, status: dto.outcome });
      await this.audit.record(m, actor, {
        action: `stay.${dto.outcome.toLowerCase()}`,
        entityType: 'stay',
        entityId: stay.id,
        centreId: stay.centreId,
        details: { occurredAt: occurredAt.toISOString(), transfersCancelled: pending.length },
      });
    });
    return this.stays.get(actor, stayId);
  }

  private async lockActive(m: EntityManager, actor: Actor, stayId: string): Promise<Stay> {
    const stay = await this.stays.requireStayForUpdate(actor, stayId, m);
    this.stays.assertActive(stay);
    return stay;
  }

  private async assertNoPendingTransfer(m: EntityManager, stay: Stay): Promise<void> {
    const pending = await m
      .getRepository(Transfer)
      .findOneBy({ stayId: stay.id, status: TransferStatus.Pending });
    if (pending) {
      throw new Conflict('TRANSFER_PENDING', 'The stay has a pending transfer; cancel it first', [
        { field: 'transferId', message: pending.id },
      ]);
    }
  }
}
