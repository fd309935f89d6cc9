import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { RuleViolation } from '../common/errors/domain.exception';
import { Sex } from '../persons/entities/person.entity';
import {
  CreateHeadcountDto,
  HeadcountResponseDto,
  OccupancyResponseDto,
  RollResponseDto,
  RollUnitDto,
} from './dto/occupancy.dto';
import { Headcount, UnitCount } from './entities/headcount.entity';
import { Screening } from './entities/screening.entity';
import { Stay, StayStatus } from './entities/stay.entity';
import { Vulnerability } from './attention-decision';
import { AGE_BANDS, ageBandOn, primaryNationality, tally } from './occupancy';
import { isChildAt } from './stay.mapper';

/** Who is present in a centre: occupancy against capacity, the roll by unit, and formal headcounts. */
@Injectable()
export class OccupancyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centres: CentresService,
    private readonly audit: AuditService,
  ) {}

  async occupancy(actor: Actor, centreId: string): Promise<OccupancyResponseDto> {
    const centre = await this.centres.requireAccess(actor, centreId);
    const at = new Date();
    const present = await this.presentStays(this.dataSource.manager, centreId);
    const screenings = await this.dataSource
      .getRepository(Screening)
      .findBy({ stayId: In(present.map((s) => s.id)), current: true });
    const withZeros = (counts: { key: string; count: number }[], keys: readonly string[]) =>
      keys.map((key) => ({ key, count: counts.find((c) => c.key === key)?.count ?? 0 }));
    const children = present.filter((s) => isChildAt(s.person!, s, at, centre.timeZone));
    // The screening's, and a child left alone since it (or never screened here) is a separated child already.
    const vulnerabilityOfStay = new Map(screenings.map((s) => [s.stayId, s.vulnerabilities]));
    const alone = new Set(children.filter((s) => s.unaccompanied).map((s) => s.id)); // unaccompanied children
    const vulnerabilitiesOf = (s: Stay): string[] => [
      ...new Set([
        ...(vulnerabilityOfStay.get(s.id) ?? []),
        ...(alone.has(s.id) ? [Vulnerability.UnaccompaniedOrSeparatedChild] : []),
      ]),
    ];
    return {
      centreId,
      at,
      capacity: centre.capacity,
      present: present.length,
      available: centre.capacity - present.length,
      overCapacity: present.length > centre.capacity,
      bySex: withZeros(
        tally(present, (s) => s.person!.sex),
        Object.values(Sex),
      ),
      byAgeBand: withZeros(
        tally(present, (s) => ageBandOn(s.person!.dateOfBirth, at, centre.timeZone)),
        AGE_BANDS,
      ),
      byNationality: tally(present, (s) => primaryNationality(s.person!.nationalities)),
      byVulnerability: tally(present, vulnerabilitiesOf),
      children: children.length,
      unaccompaniedChildren: alone.size,
      notScreened: present.length - screenings.length,
    };
  }

  async roll(actor: Actor, centreId: string): Promise<RollResponseDto> {
    const centre = await this.centres.requireAccess(actor, centreId);
    const at = new Date();
    const present = await this.presentStays(this.dataSource.manager, centreId);
    const units = new Map<string | null, RollUnitDto>();
    for (const s of present) {
      const unit = units.get(s.accommodationUnit) ?? { unit: s.accommodationUnit, count: 0, people: [] };
      unit.count += 1;
      unit.people.push({
        stayId: s.id,
        personId: s.personId,
        givenNames: s.person!.givenNames,
        familyNames: s.person!.familyNames,
        sex: s.person!.sex,
        ageBand: ageBandOn(s.person!.dateOfBirth, at, centre.timeZone),
        nationalities: s.person!.nationalities,
        admittedAt: s.admittedAt,
      });
      units.set(s.accommodationUnit, unit);
    }
    const sorted = [...units.values()].sort((a, b) =>
      a.unit === null ? 1 : b.unit === null ? -1 : a.unit.localeCompare(b.unit, undefined, { numeric: true }),
    );
    return { centreId, at, present: present.length, units: sorted };
  }

  /** A formal headcount, compared with the roll in the same transaction (the roll cannot move meanwhile). */
  async recordHeadcount(
    actor: Actor,
    centreId: string,
    dto: CreateHeadcountDto,
  ): Promise<HeadcountResponseDto> {
    await this.centres.requireAccess(actor, centreId);
    // null is as good as absent (ValidationPipe lets null through @IsOptional).
    const byUnitGiven = dto.byUnit ?? undefined;
    const countedGiven = dto.counted ?? undefined;
    if (countedGiven === undefined && byUnitGiven === undefined) {
      throw new RuleViolation('HEADCOUNT_EMPTY', 'Give the total counted, the count per unit, or both', [
        { field: 'counted', message: 'or byUnit is required' },
      ]);
    }
    const units = byUnitGiven?.map((u) => u.unit ?? null) ?? [];
    if (new Set(units).size !== units.length) {
      throw new RuleViolation('HEADCOUNT_DUPLICATE_UNIT', 'A unit appears twice', [
        { field: 'byUnit', message: 'units must be unique' },
      ]);
    }
    const sum = byUnitGiven?.reduce((n, u) => n + u.counted, 0);
    if (countedGiven !== undefined && sum !== undefined && countedGiven !== sum) {
      throw new RuleViolation('HEADCOUNT_TOTAL_MISMATCH', `The units add up to ${sum}, not ${dto.counted}`, [
        { field: 'counted', message: `must equal the sum of byUnit (${sum})` },
      ]);
    }
    const counted = countedGiven ?? sum!;
    // READ COMMITTED: the roll is read in one statement (one snapshot), and the audit entry is sealed into the
    // centre's chain at commit, which a REPEATABLE READ transaction could not do after another commit moved it.
    const headcount = await this.dataSource.transaction(async (m) => {
      const present = await this.presentStays(m, centreId);
      const byUnit: UnitCount[] = [];
      if (byUnitGiven) {
        const expected = tally(present, (s) => s.accommodationUnit ?? '\u0000');
        const keys = new Set([...expected.map((e) => e.key), ...units.map((u) => u ?? '\u0000')]);
        for (const key of keys) {
          const unit = key === '\u0000' ? null : key;
          const c = byUnitGiven.find((u) => (u.unit ?? null) === unit)?.counted ?? 0;
          const e = expected.find((x) => x.key === key)?.count ?? 0;
          byUnit.push({ unit, counted: c, expected: e, difference: c - e });
        }
      }
      const saved = await m.getRepository(Headcount).save(
        m.create(Headcount, {
          centreId,
          countedAt: new Date(),
          countedById: actor.id,
          counted,
          expected: present.length,
          difference: counted - present.length,
          byUnit,
          notes: dto.notes ?? null,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'centre.headcount',
        entityType: 'headcount',
        entityId: saved.id,
        centreId,
        details: {
          counted,
          expected: saved.expected,
          difference: saved.difference,
          discrepancy: discrepancy(saved),
        },
      });
      return saved;
    });
    return toHeadcountResponse(headcount);
  }

  async headcounts(actor: Actor, centreId: string): Promise<HeadcountResponseDto[]> {
    await this.centres.requireAccess(actor, centreId);
    const rows = await this.dataSource
      .getRepository(Headcount)
      .find({ where: { centreId }, order: { countedAt: 'DESC' }, take: 100 });
    return rows.map(toHeadcountResponse);
  }

  private presentStays(m: EntityManager, centreId: string): Promise<Stay[]> {
    return m.getRepository(Stay).find({
      where: { centreId, status: StayStatus.Active },
      relations: { person: true },
      order: { admittedAt: 'ASC' },
    });
  }
}

const discrepancy = (h: Headcount): boolean => h.difference !== 0 || h.byUnit.some((u) => u.difference !== 0);

function toHeadcountResponse(h: Headcount): HeadcountResponseDto {
  return {
    id: h.id,
    centreId: h.centreId,
    countedAt: h.countedAt,
    countedById: h.countedById,
    counted: h.counted,
    expected: h.expected,
    difference: h.difference,
    discrepancy: discrepancy(h),
    byUnit: h.byUnit,
    notes: h.notes,
  };
}
