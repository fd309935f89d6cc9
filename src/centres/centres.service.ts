import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, canSeeCentre, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { CreateCentreDto } from './dto/create-centre.dto';
import { UpdateCentreDto } from './dto/update-centre.dto';
import { Centre } from './entities/centre.entity';

const TIME_ZONE_TTL_MS = 60_000;

/**
 * A rule another module holds about a change to a centre, run inside the change's transaction with the centre
 * as it is and as it would be; it refuses by throwing a DomainException. Admissions registers one: no child is
 * held in a centre that becomes an adult regime (see admissions/children-in-adult-regime.check.ts).
 */
export type CentreChangeCheck = (m: EntityManager, before: Centre, after: Centre) => Promise<void>;

@Injectable()
export class CentresService {
  /** Ids of centres this process has found in the database (centres are never deleted). */
  private readonly knownCentres = new Set<string>();
  /** Time zones read in the last TIME_ZONE_TTL_MS (a centre's zone changes only by an administrator's PATCH). */
  private readonly timeZones = new Map<string, { timeZone: string; readAt: number }>();
  private readonly changeChecks: CentreChangeCheck[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The one place that decides whether a caller may see a centre's records. A centre outside the caller's
   * assignment answers 404, exactly like one that does not exist.
   */
  async requireAccess(actor: Actor, centreId: string): Promise<Centre> {
    const centre = await this.dataSource.getRepository(Centre).findOneBy({ id: centreId });
    if (!centre) throw new NotFoundInScope('Centre');
    this.knownCentres.add(centre.id);
    if (!canSeeCentre(actor, centreId)) {
      // Recorded in that centre's chain, so its auditors see who reached for its records.
      await this.audit.recordAlone(actor, {
        action: 'centre.access_denied',
        entityType: 'centre',
        entityId: centreId,
        centreId,
        outcome: 'denied',
      });
      throw new NotFoundInScope('Centre');
    }
    return centre;
  }

  /**
   * requireAccess for callers that need only the decision, not the centre (every admission asks). Centres are
   * never deleted, so a centre this process has seen once is known to exist and the check needs no query.
   */
  async assertAccess(actor: Actor, centreId: string): Promise<void> {
    if (this.knownCentres.has(centreId) && canSeeCentre(actor, centreId)) return;
    await this.requireAccess(actor, centreId);
  }

  /**
   * The centre's IANA time zone, on whose calendar a person's age is taken (see ageOn), without a database
   * round trip on every admission: read at most once every TIME_ZONE_TTL_MS. After a PATCH of the zone, this
   * process reads it afresh at once, other instances within that minute.
   */
  async timeZoneOf(centreId: string, m: EntityManager = this.dataSource.manager): Promise<string> {
    const cached = this.timeZones.get(centreId);
    if (cached && Date.now() - cached.readAt < TIME_ZONE_TTL_MS) return cached.timeZone;
    const centre = await this.findById(centreId, m);
    if (!centre) throw new NotFoundInScope('Centre');
    this.timeZones.set(centreId, { timeZone: centre.timeZone, readAt: Date.now() });
    return centre.timeZone;
  }

  /**
   * The centre, whoever may see it: for system work with no caller (document rendering), and for code that has
   * already checked the caller's scope or only needs the centre's rules (its regime), inside its transaction.
   */
  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<Centre | null> {
    return m.getRepository(Centre).findOneBy({ id });
  }

  list(actor: Actor): Promise<Centre[]> {
    const repo = this.dataSource.getRepository(Centre);
    return hasRole(actor, Role.Admin)
      ? repo.find({ order: { code: 'ASC' } })
      : repo.find({ where: { id: In(actor.centreIds) }, order: { code: 'ASC' } });
  }

  async create(actor: Actor | null, dto: CreateCentreDto): Promise<Centre> {
    return this.dataSource.transaction(async (m) => {
      if (await m.getRepository(Centre).existsBy({ code: dto.code })) {
        throw new Conflict('CENTRE_CODE_TAKEN', `A centre with code ${dto.code} already exists`, [
          { field: 'code', message: 'is already in use' },
        ]);
      }
      const centre = await m.getRepository(Centre).save(m.create(Centre, dto));
      await this.audit.record(m, actor, {
        action: 'centre.create',
        entityType: 'centre',
        entityId: centre.id,
        centreId: centre.id,
        details: { code: centre.code, regime: centre.regime, capacity: centre.capacity },
      });
      return centre;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateCentreDto): Promise<Centre> {
    await this.requireAccess(actor, id);
    const { version, ...changes } = dto;
    this.timeZones.delete(id);
    await this.dataSource.transaction(async (m) => {
      const before = (await m
        .getRepository(Centre)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }))!;
      // The version first (a stale request answers 409), then the other modules' rules (rolled back if refused).
      await updateVersioned(m, Centre, id, version, changes, 'Centre');
      for (const check of this.changeChecks) await check(m, before, { ...before, ...changes });
      await this.audit.record(m, actor, {
        action: 'centre.update',
        entityType: 'centre',
        entityId: id,
        centreId: id,
        details: { changed: Object.keys(changes), ...changes },
      });
    });
    return this.requireAccess(actor, id);
  }

  /** Adds a rule every change to a centre must pass (see CentreChangeCheck). */
  registerChangeCheck(check: CentreChangeCheck): void {
    this.changeChecks.push(check);
  }

  /** For set-up code only: no scope check. */
  findByCode(code: string): Promise<Centre | null> {
    return this.dataSource.getRepository(Centre).findOneBy({ code });
  }

  /** Answers 422 naming the field when any of the ids is not a centre. */
  async assertExist(ids: string[], field: string, m: EntityManager = this.dataSource.manager): Promise<void> {
    if (!ids.length) return;
    const found = await m.getRepository(Centre).countBy({ id: In(ids) });
    if (found !== new Set(ids).size) {
      throw new RuleViolation('UNKNOWN_CENTRE', 'One or more centres do not exist', [
        { field, message: 'contains an id that is not a centre' },
      ]);
    }
  }
}
