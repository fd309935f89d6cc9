import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, canSeeCentre } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { Conflict, NotFoundInScope, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { GroupMemberDto } from './dto/group-member.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import { UpdateStayDto } from './dto/update-stay.dto';
import { Stay, StayStatus } from './entities/stay.entity';
import { isChildAt, toStayResponse } from './stay.mapper';
import { ageOn } from '../persons/persons.service';

/** Statuses after which a stay's records may no longer change. */
const READ_ONLY: ReadonlySet<StayStatus> = new Set([StayStatus.Released, StayStatus.Transferred]);

/**
 * Loading stays for this module and for the others (identity, property, care hang their records on a stay).
 * The one place that decides whether a caller may see a stay: outside the caller's centres it answers 404.
 */
@Injectable()
export class StaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centres: CentresService,
  ) {}

  /** The stay (with its person) if the caller may see its centre, else 404. Pass `m` to read in a transaction. */
  async requireStay(actor: Actor, stayId: string, m?: EntityManager): Promise<Stay> {
    const stay = await this.findStay(stayId, m);
    if (!stay || !canSeeCentre(actor, stay.centreId)) throw new NotFoundInScope('Stay');
    return stay;
  }

  /** Like requireStay, but locks the stay row until the transaction ends (for writes that depend on it). */
  async requireStayForUpdate(actor: Actor, stayId: string, m: EntityManager): Promise<Stay> {
    const locked = await m
      .getRepository(Stay)
      .findOne({ where: { id: stayId }, lock: { mode: 'pessimistic_write' } });
    if (!locked || !canSeeCentre(actor, locked.centreId)) throw new NotFoundInScope('Stay');
    return this.requireStay(actor, stayId, m);
  }

  /**
   * Like requireStayForUpdate, for writes that decide whether a child is alone (a screening, a correction of the
   * person): the stay of the adult they arrived with is locked FOR SHARE first, then this one. An adult's exit
   * locks the adult's stay, then the children it separates (ChildSeparationService): the same order, so the two
   * wait for each other instead of deadlocking, and the decision is taken either before the exit or after it has
   * committed, never on an ACTIVE status the exit is about to end.
   */
  async requireStayForUpdateAfterCompanion(actor: Actor, stayId: string, m: EntityManager): Promise<Stay> {
    await m.query(
      `SELECT 1 FROM stays WHERE id = (SELECT accompanied_by_stay_id FROM stays WHERE id = $1) FOR SHARE`,
      [stayId],
    );
    return this.requireStayForUpdate(actor, stayId, m);
  }

  /** The stay of the adult a child arrived with (locked by requireStayForUpdateAfterCompanion), or null. */
  async companionOf(m: EntityManager, stay: Stay): Promise<Stay | null> {
    if (!stay.accompaniedByStayId) return null;
    return m.getRepository(Stay).findOneBy({ id: stay.accompaniedByStayId });
  }

  /** A stay with its person, without any scope check: for internal use by other modules' services. */
  findStay(stayId: string, m: EntityManager = this.dataSource.manager): Promise<Stay | null> {
    // getOne, not findOne: findOne with a relation costs two queries (a DISTINCT for its LIMIT, then the rows).
    return m
      .getRepository(Stay)
      .createQueryBuilder('stay')
      .leftJoinAndSelect('stay.person', 'person')
      .where('stay.id = :stayId', { stayId })
      .getOne();
  }

  /**
   * Every stay of these persons, without scope check (identity: which centres know a person; person search:
   * their stays), oldest first unless asked otherwise.
   */
  findByPersons(
    personIds: string[],
    m: EntityManager = this.dataSource.manager,
    order: 'ASC' | 'DESC' = 'ASC',
  ): Promise<Stay[]> {
    if (!personIds.length) return Promise.resolve([]);
    return m.getRepository(Stay).find({ where: { personId: In(personIds) }, order: { admittedAt: order } });
  }

  /** RELEASED and TRANSFERRED stays are read-only: any write answers 409. */
  assertWritable(stay: Stay): void {
    if (READ_ONLY.has(stay.status)) {
      throw new Conflict('STAY_READ_ONLY', `The stay is ${stay.status} and can no longer be changed`, [
        { field: 'status', message: `is ${stay.status}` },
      ]);
    }
  }

  /** Only an ACTIVE stay may be screened, released, transferred or exited. */
  assertActive(stay: Stay): void {
    this.assertWritable(stay);
    if (stay.status !== StayStatus.Active) {
      throw new Conflict('STAY_NOT_ACTIVE', `The stay is ${stay.status}, not ACTIVE`, [
        { field: 'status', message: `is ${stay.status}` },
      ]);
    }
  }

  /** Moves the person to another unit or records a new legal basis; closed stays answer 409. */
  async update(actor: Actor, stayId: string, dto: UpdateStayDto): Promise<StayResponseDto> {
    const { version, ...given } = dto;
    // Declared but absent DTO fields exist as undefined: only what was sent changes.
    const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<
      Pick<Stay, 'accommodationUnit' | 'legalBasis'>
    >;
    if (!Object.keys(changes).length) {
      throw new RuleViolation('NOTHING_TO_UPDATE', 'Give accommodationUnit or legalBasis', [
        { field: 'accommodationUnit', message: 'or legalBasis is required' },
      ]);
    }
    await this.dataSource.transaction(async (m) => {
      const stay = await this.requireStayForUpdate(actor, stayId, m);
      this.assertActive(stay);
      await updateVersioned(m, Stay, stayId, version, changes, 'Stay');
      await this.audit.record(m, actor, {
        action: 'stay.update',
        entityType: 'stay',
        entityId: stayId,
        centreId: stay.centreId,
        details: {
          changed: Object.keys(changes),
          ...(changes.accommodationUnit !== undefined
            ? { fromUnit: stay.accommodationUnit, toUnit: changes.accommodationUnit }
            : {}),
          // The order under which the person was held until now stays on record.
          ...(changes.legalBasis !== undefined
            ? { fromLegalBasis: stay.legalBasis, toLegalBasis: changes.legalBasis }
            : {}),
        },
      });
    });
    return this.get(actor, stayId);
  }

  async get(actor: Actor, stayId: string): Promise<StayResponseDto> {
    const stay = await this.requireStay(actor, stayId);
    return toStayResponse(stay, stay.person!, await this.centres.timeZoneOf(stay.centreId));
  }

  /** The people admitted together with this stay (same group, same centre), adults first. */
  async group(actor: Actor, stayId: string): Promise<GroupMemberDto[]> {
    const stay = await this.requireStay(actor, stayId);
    const timeZone = await this.centres.timeZoneOf(stay.centreId); // every member is in the stay's centre
    const members = await this.dataSource.getRepository(Stay).find({
      where: { groupId: stay.groupId, centreId: stay.centreId },
      relations: { person: true },
      order: { admittedAt: 'ASC' },
    });
    return members
      .map((s) => ({
        stayId: s.id,
        personId: s.personId,
        givenNames: s.person!.givenNames,
        familyNames: s.person!.familyNames,
        sex: s.person!.sex,
        ageAtAdmission: ageOn(s.person!.dateOfBirth, s.admittedAt, timeZone),
        child: isChildAt(s.person!, s, s.admittedAt, timeZone),
        unaccompanied: s.unaccompanied,
        accompaniedByStayId: s.accompaniedByStayId,
        relationshipToAccompanying: s.relationshipToAccompanying,
        status: s.status,
      }))
      .sort((a, b) => Number(a.child) - Number(b.child));
  }
}
