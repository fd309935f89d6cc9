import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CentresService } from '../../centres/centres.service';
import { Regime } from '../../centres/entities/centre.entity';
import { NotFoundInScope } from '../../common/errors/domain.exception';
import { ReferralType } from '../attention-decision';
import { ReleaseDestination, Stay } from '../entities/stay.entity';
import { ReferralsService } from '../referrals.service';
import { ScreeningService } from '../screening.service';
import { isChildAt } from '../stay.mapper';
import { ExitGate, ExitGateContext, GateFailure } from './exit-gate';
import { ExitGateRegistry } from './exit-gate.registry';

/**
 * A child with an open child-protection referral is released only to the child protection authority, and a
 * child is never transferred into an adult regime (custody, detention) unless a manager's override stands.
 */
const ADULT_REGIMES: ReadonlySet<Regime> = new Set([Regime.Custody, Regime.Detention]);

@Injectable()
export class ChildProtectionGate implements ExitGate {
  readonly name = 'admissions.child-protection';

  constructor(
    registry: ExitGateRegistry,
    private readonly referrals: ReferralsService,
    private readonly screening: ScreeningService,
    private readonly centres: CentresService,
  ) {
    registry.register(this);
  }

  async check(ctx: ExitGateContext): Promise<GateFailure[]> {
    return ctx.kind === 'RELEASE' ? this.checkRelease(ctx) : this.checkTransfer(ctx);
  }

  private async checkRelease({ manager, stay, releaseTo }: ExitGateContext): Promise<GateFailure[]> {
    if (releaseTo === ReleaseDestination.ChildProtectionAuthority) return [];
    const { child } = await this.childStatus(manager, stay);
    if (!child || !(await this.referrals.hasOpen(manager, stay.id, ReferralType.ChildProtection))) return [];
    return [
      {
        code: 'CHILD_PROTECTION_RELEASE_ONLY',
        message:
          'A child with an open child protection referral may only be released to CHILD_PROTECTION_AUTHORITY',
      },
    ];
  }

  private async checkTransfer({
    manager,
    actor,
    stay,
    receivingCentreId,
  }: ExitGateContext): Promise<GateFailure[]> {
    if (!receivingCentreId) return [];
    const { child, overridden } = await this.childStatus(manager, stay);
    if (!child || overridden) return [];
    // The receiving centre's staff always see it (TRANSFER_IN); the sending side may not be assigned to it.
    const centre = await this.centres.requireAccess(actor, receivingCentreId).catch((e: unknown) => {
      if (e instanceof NotFoundInScope) return null;
      throw e;
    });
    if (!centre || !ADULT_REGIMES.has(centre.regime)) return [];
    return [
      {
        code: 'CHILD_TO_ADULT_REGIME',
        message: `A child may not be transferred to a ${centre.regime} centre without a manager's override`,
      },
    ];
  }

  private async childStatus(
    manager: EntityManager,
    stay: Stay,
  ): Promise<{ child: boolean; overridden: boolean }> {
    const screened = await this.screening.current(manager, stay.id);
    if (screened) return { child: screened.child, overridden: screened.overrideReason !== null };
    return { child: stay.person ? isChildAt(stay.person, stay, new Date()) : false, overridden: false };
  }
}
