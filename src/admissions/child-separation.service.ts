import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { CHILD_REASON, ReferralType, Vulnerability } from './attention-decision';
import { Stay, StayStatus } from './entities/stay.entity';
import { Transfer, TransferStatus } from './entities/transfer.entity';
import { ReferralsService } from './referrals.service';
import { isChildAt } from './stay.mapper';

/**
 * A child left without the adult they arrived with. The child protection authority is asked at once, whatever
 * it answered while the adult was there: the child's stay gets (or has reopened) a child protection referral
 * for UNACCOMPANIED_OR_SEPARATED_CHILD, and from then on can be released only to that authority (the child
 * protection gate) unless a manager records that it declined again.
 */
@Injectable()
export class ChildSeparationService {
  constructor(
    private readonly centres: CentresService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A stay leaving ACTIVE (release, transfer, absconding, death) leaves behind the children it accompanied: in
   * the same transaction each ACTIVE one who is a child (isChildAt, on the centre's date) is flagged
   * unaccompanied, and audited, so occupancy counts them and their next screening treats them as separated.
   * The link to the adult's stay is kept, as history.
   */
  async separateChildrenOf(
    m: EntityManager,
    actor: Actor,
    leaving: { id: string; status: StayStatus; toCentreId?: string },
  ): Promise<void> {
    const accompanied = await m.getRepository(Stay).find({
      where: { accompaniedByStayId: leaving.id, status: StayStatus.Active, unaccompanied: false },
      relations: { person: true },
    });
    const now = new Date();
    for (const stay of accompanied) {
      if (!isChildAt(stay.person!, stay, now, await this.centres.timeZoneOf(stay.centreId, m))) continue;
      // Not version-checked: a concurrent edit of the child's stay must not refuse the adult's exit.
      await m
        .getRepository(Stay)
        .update(stay.id, { unaccompanied: true, version: () => 'version + 1' } as never);
      await this.audit.record(m, actor, {
        action: 'stay.separated',
        entityType: 'stay',
        entityId: stay.id,
        centreId: stay.centreId,
        details: { accompaniedByStayId: leaving.id, adultStayStatus: leaving.status },
      });
      // A child about to follow the adult to the same centre is alone only until then; there they are together
      // again (TransfersService keeps the link), and a referral reopened here would follow them.
      const following =
        leaving.toCentreId !== undefined &&
        (await m.getRepository(Transfer).existsBy({
          stayId: stay.id,
          toCentreId: leaving.toCentreId,
          status: TransferStatus.Pending,
        }));
      // Whatever the authority answered while the adult was there: it was not asked about a child alone.
      if (!following) await this.referAlone(m, actor, stay, { reopenDeclined: true });
    }
  }

  /**
   * The child protection referral of a child who is alone at this stay (separated, or transferred alone), with
   * the reasons a screening of a child alone gives, so that the screening that follows adds nothing to it.
   */
  referAlone(
    m: EntityManager,
    actor: Actor,
    stay: Stay,
    options: { reopenDeclined?: boolean } = {},
  ): Promise<void> {
    return this.referrals.raise(
      m,
      actor,
      stay,
      null,
      [
        {
          type: ReferralType.ChildProtection,
          reasons: [CHILD_REASON, Vulnerability.UnaccompaniedOrSeparatedChild],
        },
      ],
      options,
    );
  }
}
