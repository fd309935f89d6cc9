import { Injectable } from '@nestjs/common';
import { ReferralType } from '../attention-decision';
import { ReleaseDestination } from '../entities/stay.entity';
import { ReferralsService } from '../referrals.service';
import { ScreeningService } from '../screening.service';
import { isChildAt } from '../stay.mapper';
import { ExitGate, ExitGateContext, GateFailure } from './exit-gate';
import { ExitGateRegistry } from './exit-gate.registry';

/** A child with an open child-protection referral is released only to the child protection authority. */
@Injectable()
export class ChildProtectionGate implements ExitGate {
  readonly name = 'admissions.child-protection';

  constructor(
    registry: ExitGateRegistry,
    private readonly referrals: ReferralsService,
    private readonly screening: ScreeningService,
  ) {
    registry.register(this);
  }

  async check({ manager, stay, kind, releaseTo }: ExitGateContext): Promise<GateFailure[]> {
    if (kind !== 'RELEASE' || releaseTo === ReleaseDestination.ChildProtectionAuthority) return [];
    const screened = await this.screening.current(manager, stay.id);
    const child = screened?.child || (stay.person ? isChildAt(stay.person, stay, new Date()) : false);
    if (!child || !(await this.referrals.hasOpen(manager, stay.id, ReferralType.ChildProtection))) return [];
    return [
      {
        code: 'CHILD_PROTECTION_RELEASE_ONLY',
        message:
          'A child with an open child protection referral may only be released to CHILD_PROTECTION_AUTHORITY',
      },
    ];
  }
}
