import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { DocumentsService } from '../documents/documents.service';
import { Conflict, RuleViolation } from '../common/errors/domain.exception';
import { admissionsConfig, AdmissionsConfig } from '../config/admissions.config';
import { insertEntity } from '../common/persistence/insert-entity';
import { together } from '../common/persistence/pipeline';
import { Person } from '../persons/entities/person.entity';
import { PersonsService } from '../persons/persons.service';
import { CreateAdmissionDto } from './dto/create-admission.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import { ONE_ACTIVE_STAY_PER_IDENTITY_GROUP, Stay, StayStatus } from './entities/stay.entity';
import { isChildAt, toStayResponse } from './stay.mapper';

const ONE_ACTIVE_STAY = 'UQ_stays_one_active_per_person';
// Clocks of intake laptops drift; an arrival a few minutes "in the future" is not an error.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Registration of arrivals: creates or links the person and opens the ACTIVE stay, in one transaction. */
@Injectable()
export class AdmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(admissionsConfig.KEY) private readonly config: AdmissionsConfig,
    private readonly centres: CentresService,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  async admit(actor: Actor, dto: CreateAdmissionDto): Promise<StayResponseDto> {
    if (dto.personId !== undefined && dto.person !== undefined) {
      throw new RuleViolation('PERSON_AMBIGUOUS', 'Give either personId or person, not both', [
        { field: 'personId', message: 'must not be given together with person' },
      ]);
    }
    await this.centres.assertAccess(actor, dto.centreId);
    const arrivedAt = new Date(dto.arrival.at);
    if (arrivedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new RuleViolation('ARRIVAL_IN_FUTURE', 'The arrival time is in the future', [
        { field: 'arrival.at', message: 'must not be in the future' },
      ]);
    }
    try {
      return await this.dataSource.transaction((m) => this.admitIn(m, actor, dto, arrivedAt));
    } catch (err) {
      throw (await this.activeStayConflict(err, dto.personId)) ?? err;
    }
  }

  private async admitIn(
    m: EntityManager,
    actor: Actor,
    dto: CreateAdmissionDto,
    arrivedAt: Date,
  ): Promise<StayResponseDto> {
    const existing = dto.personId ? await this.lockAdmissiblePerson(m, dto.personId) : null;
    // The centre exists (assertAccess); its time zone decides on which date the person's age is taken.
    const timeZone = await this.centres.timeZoneOf(dto.centreId, m);
    const admittedAt = new Date();
    // A claim to be a child made at an earlier stay, and never withdrawn, stands: a person brought back need not
    // repeat it, and only a manager's override at the screening withdraws it (CHILD_CLAIM_WITHDRAWAL).
    const claimCarriedOver = existing ? await this.lastClaimToBeChild(m, existing.id) : false;
    const claimedChild = claimCarriedOver || (dto.claimedChild ?? false);
    const child = isChildAt(existing ?? dto.person!, { claimedChild }, admittedAt, timeZone);
    const companion = dto.accompaniedBy ? await this.companionStay(m, dto, admittedAt, timeZone) : null;
    if (dto.arrival.groupId && companion && dto.arrival.groupId !== companion.groupId) {
      throw new RuleViolation('GROUP_MISMATCH', 'The accompanying adult belongs to another group', [
        { field: 'arrival.groupId', message: "must be the accompanying adult's group" },
      ]);
    }

    // The checks are done; the writes are sent together, in this order, and answered in one round trip (see
    // send): the person, the stay, the admission record (queued in this transaction: no admission without its
    // record, even if Redis is down) and the audit entry.
    const personId = existing?.id ?? randomUUID();
    const stayId = randomUUID();
    const groupId = companion?.groupId ?? dto.arrival.groupId ?? randomUUID();
    const unaccompanied = child && !companion;
    const [person, stay] = await together([
      existing ?? this.persons.create(m, dto.person!, personId),
      insertEntity(m, Stay, {
        id: stayId,
        personId,
        centreId: dto.centreId,
        status: StayStatus.Active,
        admittedAt,
        admittedById: actor.id,
        arrivedAt,
        arrivalPlace: dto.arrival.place ?? null,
        broughtBy: dto.arrival.broughtBy ?? null,
        groupId,
        accompaniedByStayId: companion?.id ?? null,
        relationshipToAccompanying: companion ? dto.accompaniedBy!.relationship : null,
        claimedChild,
        unaccompanied,
        legalBasis: dto.legalBasis ?? null,
        accommodationUnit: dto.accommodationUnit ?? null,
        medicalScreeningDueAt: new Date(
          admittedAt.getTime() + this.config.medicalScreeningDeadlineHours * 3600_000,
        ),
      }),
      this.documents.requestInTransaction(m, actor, {
        type: 'admission-record',
        subjectId: stayId,
        subject: { centreId: dto.centreId, language: (existing ?? dto.person!).preferredLanguage ?? null },
      }),
      this.audit.record(m, actor, {
        action: 'stay.admit',
        entityType: 'stay',
        entityId: stayId,
        centreId: dto.centreId,
        details: {
          personId,
          personCreated: !existing,
          groupId,
          accompaniedByStayId: companion?.id ?? null,
          child,
          unaccompanied,
          ...(claimCarriedOver ? { claimedChildCarriedOver: true } : {}),
        },
      }),
    ]);
    return toStayResponse(stay, person, timeZone);
  }

  /**
   * A violation of one ACTIVE stay per person, answered as the check before it does: two concurrent admissions
   * of one record (the partial unique index decides), or another record merged with it holding an ACTIVE stay
   * (the trigger, whose detail is that stay's id). Null for any other error.
   */
  private async activeStayConflict(err: unknown, personId: string | undefined): Promise<Conflict | null> {
    if (!(err instanceof QueryFailedError)) return null;
    const { constraint, detail } = err.driverError as { constraint?: string; detail?: string };
    if (constraint === ONE_ACTIVE_STAY) {
      const existing = await this.activeStayOf(this.dataSource.manager, personId!);
      return existing ? this.alreadyActive(existing) : null;
    }
    if (constraint !== ONE_ACTIVE_STAY_PER_IDENTITY_GROUP) return null;
    const existing = await this.dataSource
      .getRepository(Stay)
      .findOne({ where: { id: detail, status: StayStatus.Active }, relations: { centre: true } });
    // The other stay ended in the meantime: the admission may be sent again.
    return existing
      ? this.alreadyActive(existing)
      : new Conflict('PERSON_ALREADY_ADMITTED', 'The person had an ACTIVE stay; try again');
  }

  /**
   * Whether the person's latest earlier stay ended with a standing claim to be a child: under this record or
   * another merged with it as one person (person_identity_group).
   */
  private async lastClaimToBeChild(m: EntityManager, personId: string): Promise<boolean> {
    const last = await m
      .getRepository(Stay)
      .createQueryBuilder('s')
      .select(['s.id', 's.claimedChild'])
      .where('s.person_id IN (SELECT person_identity_group(:personId::uuid))', { personId })
      .orderBy('s.admitted_at', 'DESC')
      .getOne();
    return last?.claimedChild ?? false;
  }

  /** The person named by personId, locked, if they can be admitted: known, and with no ACTIVE stay. */
  private async lockAdmissiblePerson(m: EntityManager, personId: string): Promise<Person> {
    const person = await this.persons.lock(m, personId);
    if (!person) {
      throw new RuleViolation('UNKNOWN_PERSON', 'No person has this id', [
        { field: 'personId', message: 'is not a known person' },
      ]);
    }
    const active = await this.activeStayOf(m, person.id);
    if (active) throw this.alreadyActive(active);
    return person;
  }

  /** The accompanying adult: an ACTIVE stay of an adult in the same centre (whose time zone is `timeZone`). */
  private async companionStay(
    m: EntityManager,
    dto: CreateAdmissionDto,
    on: Date,
    timeZone: string,
  ): Promise<Stay> {
    // Locked FOR SHARE until the admission commits: the adult's release, transfer or exit (FOR UPDATE) waits,
    // and then sees the child to separate from them, instead of the child being linked to an ended stay.
    await m.query(`SELECT 1 FROM stays WHERE id = $1 FOR SHARE`, [dto.accompaniedBy!.stayId]);
    const companion = await m
      .getRepository(Stay)
      .findOne({ where: { id: dto.accompaniedBy!.stayId }, relations: { person: true } });
    const fail = (message: string) =>
      new RuleViolation('INVALID_ACCOMPANYING_ADULT', `The accompanying adult ${message}`, [
        { field: 'accompaniedBy.stayId', message },
      ]);
    if (!companion || companion.centreId !== dto.centreId) throw fail('is not a stay in this centre');
    if (companion.status !== StayStatus.Active) throw fail('is not an ACTIVE stay');
    if (isChildAt(companion.person!, companion, on, timeZone)) throw fail('is a child');
    return companion;
  }

  private activeStayOf(m: EntityManager, personId: string): Promise<Stay | null> {
    return m
      .getRepository(Stay)
      .findOne({ where: { personId, status: StayStatus.Active }, relations: { centre: true } });
  }

  private alreadyActive(existing: Stay): Conflict {
    const centre = existing.centre!;
    return new Conflict(
      'PERSON_ALREADY_ADMITTED',
      `The person already has an ACTIVE stay at centre ${centre.code} (${centre.name})`,
      [
        {
          field: 'personId',
          code: 'ACTIVE_STAY_EXISTS',
          message: `has an ACTIVE stay at centre ${centre.code} (${centre.name}), centreId ${centre.id}`,
        },
      ],
    );
  }
}
