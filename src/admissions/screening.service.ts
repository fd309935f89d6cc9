import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { Conflict, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { Person } from '../persons/entities/person.entity';
import { ageOn } from '../persons/persons.service';
import { decideAttention, isAdultRegime, Placement } from './attention-decision';
import { CreateScreeningDto, ScreeningResponseDto, ScreeningResultDto } from './dto/screening.dto';
import { Screening } from './entities/screening.entity';
import { Stay, StayStatus } from './entities/stay.entity';
import { ReferralsService } from './referrals.service';
import { isChildAt } from './stay.mapper';
import { StaysService } from './stays.service';

// Clocks of intake laptops drift; a few minutes ahead is not an error.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The reception screening: records it (amendments add versions), applies the attention decision, raises referrals. */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly centres: CentresService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Actor, stayId: string, dto: CreateScreeningDto): Promise<ScreeningResultDto> {
    return this.dataSource.transaction(async (m) => {
      // Within the caller's centres; after the accompanying adult's stay, in the order an adult's exit locks them.
      const stay = await this.stays.requireStayForUpdateAfterCompanion(actor, stayId, m);
      this.stays.assertActive(stay);
      const centre = (await this.centres.findById(stay.centreId, m))!;
      const previous = await this.current(m, stayId);
      if ((previous?.id ?? undefined) !== dto.supersedes) {
        throw previous
          ? new Conflict(
              'SCREENING_SUPERSEDED',
              'The stay has a newer screening than the one you amend; reload it and try again',
              [{ field: 'supersedes', message: `must be the current screening ${previous.id}` }],
            )
          : new Conflict('SCREENING_NOT_FOUND', 'There is no screening to amend yet', [
              { field: 'supersedes', message: 'must be omitted for the first screening' },
            ]);
      }

      const interviewedAt = dto.interviewedAt ? new Date(dto.interviewedAt) : new Date();
      if (
        interviewedAt.getTime() > Date.now() + CLOCK_SKEW_MS ||
        interviewedAt < (stay.arrivedAt ?? stay.admittedAt)
      ) {
        throw new RuleViolation('INTERVIEW_TIME', 'The interview time must be between arrival and now', [
          { field: 'interviewedAt', message: 'must be between the arrival and now' },
        ]);
      }
      const age = ageOn(stay.person!.dateOfBirth, interviewedAt, centre.timeZone);
      const claimedChild = dto.claimedChild ?? stay.claimedChild;
      // Withdrawing a recorded claim to be a child is an age-dispute decision: a manager's, with a written
      // reason (the override's), never an officer's alone.
      const claimWithdrawn = stay.claimedChild && !claimedChild;
      if (claimWithdrawn && !(hasRole(actor, Role.CentreManager) && dto.override?.reason)) {
        throw new RuleViolation(
          'CHILD_CLAIM_WITHDRAWAL',
          "Withdrawing a recorded claim to be a child needs a centre manager's override with a written reason",
          [{ field: 'claimedChild', message: "may only be withdrawn by a centre manager's override" }],
        ).audited({
          action: 'screening.record',
          entityType: 'stay',
          entityId: stay.id,
          centreId: stay.centreId,
          details: { code: 'CHILD_CLAIM_WITHDRAWAL' },
        });
      }
      // Alone: brought alone, or left behind by the adult who brought them (whose stay has ended).
      const companion = await this.stays.companionOf(m, stay);
      const alone = companion?.status !== StayStatus.Active;
      // The reason given with a withdrawn claim is the withdrawal's. It also overrides the placement only when a
      // child by age is, in the same screening, placed in custody or detention.
      const childByAge = age !== null && age < 18;
      const override =
        !claimWithdrawn || (childByAge && isAdultRegime(dto.requestedPlacement)) ? dto.override : undefined;
      const decision = decideAttention({
        age,
        claimedChild,
        unaccompanied: alone,
        centreRegime: centre.regime as unknown as Placement,
        requestedPlacement: dto.requestedPlacement,
        override: override && {
          reason: override.reason,
          byManager: hasRole(actor, Role.CentreManager),
        },
        vulnerabilities: dto.vulnerabilities,
        riskIndicators: dto.riskIndicators,
        asylumIntent: dto.asylumIntent,
        traffickingIndicators: dto.traffickingIndicators,
        consularAssistanceRequested: dto.consularAssistanceRequested ?? false,
      });
      if (!decision.ok) {
        throw new RuleViolation(decision.code, decision.message, [
          { field: decision.field, code: decision.code, message: decision.message },
        ]).audited({
          action: 'screening.record',
          entityType: 'stay',
          entityId: stay.id,
          centreId: stay.centreId,
          details: { code: decision.code, requestedPlacement: dto.requestedPlacement ?? null },
        });
      }

      if (previous) await m.getRepository(Screening).update(previous.id, { current: false });
      const screening = await m.getRepository(Screening).save(
        m.create(Screening, {
          stayId: stay.id,
          centreId: stay.centreId,
          sequence: (previous?.sequence ?? 0) + 1,
          current: true,
          interviewedAt,
          interviewerId: actor.id,
          interpreterLanguage: dto.interpreterLanguage ?? null,
          vulnerabilities: decision.vulnerabilities,
          riskIndicators: dto.riskIndicators,
          asylumIntent: dto.asylumIntent,
          traffickingIndicators: dto.traffickingIndicators,
          consularAssistanceRequested: dto.consularAssistanceRequested ?? false,
          claimedChild,
          ageAtScreening: age,
          child: decision.child,
          requestedPlacement: dto.requestedPlacement ?? null,
          placement: decision.placement,
          // A manager's written reason, for a placement override or the withdrawal of a child's claim (see
          // above), or both: only the first lets a child be held or transferred into an adult regime.
          overrideReason: decision.overridden ? dto.override!.reason : null,
          overrideById: decision.overridden ? actor.id : null,
          claimWithdrawalReason: claimWithdrawn ? dto.override!.reason : null,
          claimWithdrawnById: claimWithdrawn ? actor.id : null,
        }),
      );
      await this.audit.record(m, actor, {
        action: previous ? 'screening.amend' : 'screening.record',
        entityType: 'screening',
        entityId: screening.id,
        centreId: stay.centreId,
        details: {
          stayId: stay.id,
          sequence: screening.sequence,
          placement: screening.placement,
          child: screening.child,
          overridden: decision.overridden,
          referrals: decision.referrals.map((r) => r.type),
          ...(claimedChild !== stay.claimedChild
            ? { claimedChild: { from: stay.claimedChild, to: claimedChild } }
            : {}),
          ...(claimWithdrawn ? { claimWithdrawalReason: dto.override!.reason } : {}),
        },
      });
      await this.referrals.raise(m, actor, stay, screening.id, decision.referrals);
      // Only when the screening says so: a field left out is not the person taking a request back.
      if (dto.consularAssistanceRequested === false) {
        await this.referrals.withdrawConsularRequest(m, actor, stay, screening.id);
      }
      // A child's claim made at the interview (or withdrawn) flags the stay, as if made at admission.
      const stayChanges: Partial<Pick<Stay, 'claimedChild' | 'unaccompanied'>> = {};
      if (claimedChild !== stay.claimedChild) stayChanges.claimedChild = claimedChild;
      const unaccompanied = decision.child && alone;
      if (unaccompanied !== stay.unaccompanied) stayChanges.unaccompanied = unaccompanied;
      if (Object.keys(stayChanges).length) {
        await updateVersioned(m, Stay, stay.id, stay.version, stayChanges, 'Stay');
      }
      return { screening, referrals: await this.referrals.ofStay(m, stay.id) };
    });
  }

  /**
   * What a correction of the person's record (PATCH /persons/:id) means for their ACTIVE stay, in the
   * correction's transaction; `stay` is locked and `before`/`after` are the record either side of it.
   * - A child, by the record or by the screening in force, whom the correction would make an adult: an age
   *   dispute, decided like the withdrawal of a child's claim, by a centre manager with a written reason
   *   (422 CHILD_AGE_REVISION otherwise). The screening stands until it is amended: until then the gates still
   *   treat the person as the child it found.
   * - A person who is now a child and alone (no accompanying adult still held): flagged unaccompanied, so that
   *   occupancy counts them; the gates send them to a new screening (CHILD_NOT_SCREENED) before any release.
   */
  async afterPersonCorrection(
    m: EntityManager,
    actor: Actor,
    stay: Stay,
    before: Person,
    after: Person,
    ageRevisionReason: string | undefined,
  ): Promise<void> {
    const timeZone = await this.centres.timeZoneOf(stay.centreId, m);
    const now = new Date();
    const childNow = isChildAt(after, stay, now, timeZone);
    // Only a correction of the date of birth revises an age (an alias fixed for someone who turned 18 during the
    // stay, and whom the screening found a child, is no age dispute).
    if (!childNow && before.dateOfBirth !== after.dateOfBirth) {
      const screening = await this.current(m, stay.id);
      const childBefore = isChildAt(before, stay, now, timeZone) || screening?.child === true;
      if (childBefore && !(hasRole(actor, Role.CentreManager) && ageRevisionReason)) {
        throw new RuleViolation(
          'CHILD_AGE_REVISION',
          "Correcting the record of a child so that they become an adult needs a centre manager's written reason",
          [{ field: 'ageRevisionReason', message: "a centre manager's written reason is required" }],
        ).audited({
          action: 'person.update',
          entityType: 'person',
          entityId: after.id,
          centreId: stay.centreId,
          details: { code: 'CHILD_AGE_REVISION', stayId: stay.id },
        });
      }
      if (childBefore) {
        await this.audit.record(m, actor, {
          action: 'person.age-revision',
          entityType: 'person',
          entityId: after.id,
          centreId: stay.centreId,
          details: { stayId: stay.id, reason: ageRevisionReason },
        });
      }
      return;
    }
    if (!childNow || stay.unaccompanied) return;
    const companion = await this.stays.companionOf(m, stay);
    if (companion?.status === StayStatus.Active) return;
    await updateVersioned(m, Stay, stay.id, stay.version, { unaccompanied: true }, 'Stay');
    await this.audit.record(m, actor, {
      action: 'stay.unaccompanied',
      entityType: 'stay',
      entityId: stay.id,
      centreId: stay.centreId,
      details: { cause: 'person.update' },
    });
  }

  /**
   * Every version, newest first. Audited (screening.read): a screening tells of sexual violence, self-harm and
   * trafficking.
   */
  async history(actor: Actor, stayId: string): Promise<ScreeningResponseDto[]> {
    const stay = await this.stays.requireStay(actor, stayId);
    const versions = await this.dataSource
      .getRepository(Screening)
      .find({ where: { stayId }, order: { sequence: 'DESC' } });
    await this.audit.recordAlone(actor, {
      action: 'screening.read',
      entityType: 'stay',
      entityId: stayId,
      centreId: stay.centreId,
      details: { versions: versions.length },
    });
    return versions;
  }

  /** The screening in force for a stay, or null (also for other services: occupancy, gates). */
  current(m: EntityManager, stayId: string): Promise<Screening | null> {
    return m.getRepository(Screening).findOneBy({ stayId, current: true });
  }
}
