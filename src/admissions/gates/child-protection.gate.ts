import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CentresService } from '../../centres/centres.service';
import { ADULT_REGIMES } from '../../centres/entities/centre.entity';
import { ReferralType } from '../attention-decision';
import { ReleaseDestination, Stay } from '../entities/stay.entity';
import { ReferralsService } from '../referrals.service';
import { ScreeningService } from '../screening.service';
import { ChildStatus, childStatusOf } from '../stay.mapper';
import { ExitGate, ExitGateContext, GateFailure } from './exit-gate';
import { ExitGateRegistry } from './exit-gate.registry';

/**
 * A child with an open child-protection referral is released only to the child protection authority, a child
 * nobody has screened as a child yet (so nobody has weighed a referral) likewise, and a child is never
 * transferred into an adult regime (custody, detention) unless a manager's override stands. Who is a child:
 * childStatusOf (the screening or the person's record today; a date of birth corrected since counts).
 */
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
    const [{ child, screened }] = await this.childStatus(manager, stay);
    if (!child) return [];
    if (!screened) {
      return [
        {
          code: 'CHILD_NOT_SCREENED',
          message:
            'A child who has not been screened as a child (no reception screening, or one that took them for ' +
            'an adult) may only be released to CHILD_PROTECTION_AUTHORITY',
        },
      ];
    }
    if (!(await this.referrals.hasOpen(manager, stay.id, ReferralType.ChildProtection))) return [];
    return [
      {
        code: 'CHILD_PROTECTION_RELEASE_ONLY',
        message:
          'A child with an open child protection referral may only be released to CHILD_PROTECTION_AUTHORITY',
      },
    ];
  }

  private async checkTransfer({ manager, stay, receivingCentreId }: ExitGateContext): Promise<GateFailure[]> {
    if (!receivingCentreId) return [];
    // Only the receiving centre's regime and time zone are read: the sending side need not be assigned to it
    // (and is not audited as reaching for its records).
    const centre = await this.centres.findById(receivingCentreId, manager);
    if (!centre || !ADULT_REGIMES.has(centre.regime)) return [];
    // A child on either centre's date: on the eve of an 18th birthday in the receiving centre's zone, the person
    // is still a child there, whatever the date already is where they leave from.
    const onEitherDate = await this.childStatus(manager, stay, centre.timeZone);
    if (!onEitherDate.some((s) => s.child && !s.overridden)) return [];
    return [
      {
        code: 'CHILD_TO_ADULT_REGIME',
        message: `A child may not be transferred to a ${centre.regime} centre without a manager's override`,
      },
    ];
  }

  /** Today on the stay's centre's calendar, then on each of `otherTimeZones`' (one screening read for all). */
  private async childStatus(
    manager: EntityManager,
    stay: Stay,
    ...otherTimeZones: string[]
  ): Promise<ChildStatus[]> {
    const timeZones = [await this.centres.timeZoneOf(stay.centreId, manager), ...otherTimeZones];
    const screening = await this.screening.current(manager, stay.id);
    const now = new Date();
    return timeZones.map((tz) => childStatusOf(stay.person ?? {}, stay, screening, now, tz));
  }
}
