import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ADULT_REGIMES, Centre } from '../centres/entities/centre.entity';
import { CentresService } from '../centres/centres.service';
import { RuleViolation } from '../common/errors/domain.exception';
import { Screening } from './entities/screening.entity';
import { Stay, StayStatus } from './entities/stay.entity';
import { childStatusOf } from './stay.mapper';

/**
 * A centre that holds children does not become a custody or detention centre: that would place every child
 * there in an adult regime at once, which no screening decided. A child, here as at the gates, is one by the
 * screening in force or by today's record; one whose screening placed them there by a manager's override (an
 * age dispute) does not count. Move the children first, then change the regime.
 */
@Injectable()
export class ChildrenInAdultRegimeCheck {
  constructor(private readonly centres: CentresService) {
    centres.registerChangeCheck((m, before, after) => this.check(m, before, after));
  }

  private async check(m: EntityManager, before: Centre, after: Centre): Promise<void> {
    if (!ADULT_REGIMES.has(after.regime) || ADULT_REGIMES.has(before.regime)) return;
    const present = await m.getRepository(Stay).find({
      where: { centreId: before.id, status: StayStatus.Active },
      relations: { person: true },
    });
    if (!present.length) return;
    const screenings = new Map(
      (await m.getRepository(Screening).findBy({ stayId: In(present.map((s) => s.id)), current: true })).map(
        (s) => [s.stayId, s],
      ),
    );
    const now = new Date();
    const children = present.filter((stay) => {
      const status = childStatusOf(stay.person!, stay, screenings.get(stay.id) ?? null, now, before.timeZone);
      return status.child && !status.overridden;
    });
    if (!children.length) return;
    throw new RuleViolation(
      'CHILDREN_IN_ADULT_REGIME',
      `The centre holds ${children.length} child(ren): it cannot become a ${after.regime} centre until they ` +
        'have been moved',
      [{ field: 'regime', message: `${children.length} child(ren) present` }],
    ).audited({
      action: 'centre.update',
      entityType: 'centre',
      entityId: before.id,
      centreId: before.id,
      details: { code: 'CHILDREN_IN_ADULT_REGIME', regime: after.regime, children: children.length },
    });
  }
}
