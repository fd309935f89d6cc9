import { Inject, Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { ExitGate, ExitGateContext, GateFailure } from '../admissions/gates/exit-gate';
import { ExitGateRegistry } from '../admissions/gates/exit-gate.registry';
import { identityConfig, IdentityConfig } from '../config/identity.config';
import { IdentityAlert, IdentityAlertStatus } from './entities/identity-alert.entity';
import { IdentityVerification } from './entities/identity-verification.entity';
import { gateSatisfied, GateRequirement } from './identity-gate.rules';
import { IdentitySubjectsService } from './identity-subjects.service';
import { Checkpoint } from './verification-result';

/**
 * Release and transfer are blocked until the person present has been matched to the stay's evidence at that
 * checkpoint: by two different officers for a release, by one for each side of a transfer.
 */
@Injectable()
export class IdentityGate implements ExitGate {
  readonly name = 'identity.verified';

  constructor(
    registry: ExitGateRegistry,
    @Inject(identityConfig.KEY) private readonly config: IdentityConfig,
    private readonly subjects: IdentitySubjectsService,
  ) {
    registry.register(this);
  }

  /** What the gate asks for at an exit (the release certificate reuses it to name the checks that counted). */
  requirement(kind: ExitGateContext['kind']): GateRequirement {
    switch (kind) {
      case 'RELEASE':
        return {
          checkpoint: Checkpoint.Release,
          officers: 2,
          windowMinutes: this.config.releaseWindowMinutes,
        };
      case 'TRANSFER_OUT':
        return {
          checkpoint: Checkpoint.TransferOut,
          officers: 1,
          windowMinutes: this.config.transferWindowMinutes,
        };
      case 'TRANSFER_IN':
        return {
          checkpoint: Checkpoint.TransferIn,
          officers: 1,
          windowMinutes: this.config.transferWindowMinutes,
        };
    }
  }

  async check(ctx: ExitGateContext): Promise<GateFailure[]> {
    const req = this.requirement(ctx.kind);
    // At TRANSFER_IN only the receiving centre's own checks count: the sending centre can see the stay, and a
    // check it records there (under its own centre) must not stand in for the receiving centre's.
    const receiving = ctx.kind === 'TRANSFER_IN' ? (ctx.receivingCentreId?.toLowerCase() ?? null) : null;
    // A merge or unmerge changes the evidence the person is checked against: only checks made after the
    // latest one count (a passport of a record unmerged since proves nothing about this person).
    const since = await this.subjects.groupChangedAt(ctx.stay.personId, ctx.manager);
    const checks =
      ctx.kind === 'TRANSFER_IN' && !receiving
        ? []
        : await ctx.manager.getRepository(IdentityVerification).find({
            select: { checkpoint: true, result: true, verifiedById: true, verifiedAt: true },
            where: {
              stayId: ctx.stay.id,
              checkpoint: req.checkpoint,
              ...(receiving ? { centreId: receiving } : {}),
              ...(since ? { verifiedAt: MoreThan(since) } : {}),
            },
          });
    const failures: GateFailure[] = await this.openAlerts(ctx);
    if (gateSatisfied(checks, req, new Date())) return failures;
    const who = req.officers > 1 ? `${req.officers} different officers` : 'an officer';
    return [
      {
        code: 'IDENTITY_NOT_VERIFIED',
        message: `Identity must be verified with a MATCH at ${req.checkpoint} by ${who}${receiving ? ' of the receiving centre' : ''} within the last ${req.windowMinutes} minutes${since ? ', after the latest merge or unmerge of the person’s records' : ''}`,
      },
      ...failures,
    ];
  }

  /**
   * A MISMATCH at an exit raised an incident-grade alert: someone presented another person's band or
   * documents. Later matches do not settle it; the person leaves only once a centre manager has looked into it
   * and acknowledged the alert, with a note.
   */
  private async openAlerts({ manager, stay }: ExitGateContext): Promise<GateFailure[]> {
    const open = await manager
      .getRepository(IdentityAlert)
      .count({ where: { stayId: stay.id, status: IdentityAlertStatus.Open } });
    if (!open) return [];
    return [
      {
        code: 'IDENTITY_ALERT_OPEN',
        message: `Open identity alerts on this stay: ${open}. A centre manager acknowledges each (POST /identity-alerts/:id/acknowledge) before the person leaves`,
      },
    ];
  }
}
