import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RuleViolation } from '../common/errors/domain.exception';
import { admissionsConfig, AdmissionsConfig } from '../config/admissions.config';
import { AdmissionStatisticsQueryDto, AdmissionStatisticsResponseDto, GroupBy } from './dto/statistics.dto';
import { Stay } from './entities/stay.entity';
import { Transfer } from './entities/transfer.entity';

const MAX_SPAN_DAYS = 10 * 366;
const DAY_MS = 24 * 3600_000;

/** The calendar date of the admission at its centre (the date a birthday, or a statistics day, is counted on). */
const LOCAL_ADMISSION_DATE = `(s.admitted_at AT TIME ZONE c.time_zone)::date`;
const AGE = `date_part('year', age(${LOCAL_ADMISSION_DATE}, p.date_of_birth))`;

/** The grouping expressions; each yields a text key. Age bands match occupancy.ts. */
const KEY: Record<GroupBy, string> = {
  nationality: `coalesce(p.nationalities[1]::text, 'unknown')`,
  sex: `p.sex::text`,
  ageBand: `CASE
    WHEN p.date_of_birth IS NULL THEN 'unknown'
    WHEN ${AGE} < 12 THEN '0-11'
    WHEN ${AGE} < 18 THEN '12-17'
    WHEN ${AGE} < 60 THEN '18-59'
    ELSE '60+' END`,
  centre: `c.code`,
};

/**
 * Aggregates for the exchange of information between centres: counts only, never a name, id or date of birth.
 * They span every centre (no centre scope), so they must not let anyone single out one person:
 * - periods are whole days on each centre's calendar (from inclusive, to exclusive), so two queries differ by
 *   at least a day of admissions, never by the moment one person was admitted;
 * - no group smaller than STATISTICS_MIN_GROUP is shown (small groups are only added up together);
 * - every count is rounded to the nearest multiple of STATISTICS_MIN_GROUP, so that a period one day longer,
 *   with one more admission that day, mostly shows the same counts (see docs/admissions.md for what remains).
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(admissionsConfig.KEY) private readonly config: AdmissionsConfig,
  ) {}

  async admissions(query: AdmissionStatisticsQueryDto): Promise<AdmissionStatisticsResponseDto> {
    const { from, to } = query; // YYYY-MM-DD, validated by the DTO
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
    if (!(days >= 1) || days > MAX_SPAN_DAYS) {
      throw new RuleViolation(
        'STATISTICS_PERIOD',
        'The period must end after it starts and span at most 10 years',
        [{ field: 'to', message: 'must be a later day than from, at most 10 years later' }],
      );
    }
    const qb = this.dataSource
      .getRepository(Stay)
      .createQueryBuilder('s')
      .innerJoin('s.person', 'p')
      .innerJoin('s.centre', 'c')
      // A stay opened by a transfer is the same arrival, already counted at the first centre.
      .leftJoin(Transfer, 't', 't.new_stay_id = s.id')
      .select(KEY[query.groupBy], 'key')
      .addSelect('count(*)::int', 'count')
      // Small groups are told by the people in them, not the admissions: one woman admitted five times is one.
      .addSelect('count(DISTINCT s.person_id)::int', 'persons')
      // The UTC range (a day wider each side than any zone's day) lets the admitted_at index narrow the scan.
      .where(
        `s.admitted_at >= (:from::date - 1)::timestamp AT TIME ZONE 'UTC'
         AND s.admitted_at < (:to::date + 1)::timestamp AT TIME ZONE 'UTC'`,
        { from, to },
      )
      .andWhere(`${LOCAL_ADMISSION_DATE} >= :from::date AND ${LOCAL_ADMISSION_DATE} < :to::date`)
      .andWhere('t.id IS NULL')
      .groupBy('1');
    if (query.centreId) qb.andWhere('s.centre_id = :centreId', { centreId: query.centreId });
    const all: { key: string; count: number; persons: number }[] = await qb.getRawMany();
    const minGroup = this.config.statisticsMinGroup;
    const round = (n: number) => Math.round(n / minGroup) * minGroup;
    const small = all.filter((g) => g.persons < minGroup);
    return {
      from,
      to,
      groupBy: query.groupBy,
      roundedTo: minGroup,
      total: round(all.reduce((n, g) => n + g.count, 0)),
      // Ordered by the rounded count: an order by the exact one would tell two groups shown alike apart.
      groups: all
        .filter((g) => g.persons >= minGroup)
        .map((g) => ({ key: g.key, count: round(g.count) }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      suppressed: {
        groups: small.length,
        count: round(small.reduce((n, g) => n + g.count, 0)),
        minGroup,
      },
    };
  }
}
