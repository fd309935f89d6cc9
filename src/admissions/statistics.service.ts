import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RuleViolation } from '../common/errors/domain.exception';
import { admissionsConfig, AdmissionsConfig } from '../config/admissions.config';
import { AdmissionStatisticsQueryDto, AdmissionStatisticsResponseDto, GroupBy } from './dto/statistics.dto';
import { Stay } from './entities/stay.entity';
import { Transfer } from './entities/transfer.entity';

const MAX_SPAN_MS = 10 * 366 * 24 * 3600_000;

/** The grouping expressions; each yields a text key. Age bands match occupancy.ts. */
const KEY: Record<GroupBy, string> = {
  nationality: `coalesce(p.nationalities[1]::text, 'unknown')`,
  sex: `p.sex::text`,
  ageBand: `CASE
    WHEN p.date_of_birth IS NULL THEN 'unknown'
    WHEN date_part('year', age((s.admitted_at AT TIME ZONE 'UTC')::date, p.date_of_birth)) < 12 THEN '0-11'
    WHEN date_part('year', age((s.admitted_at AT TIME ZONE 'UTC')::date, p.date_of_birth)) < 18 THEN '12-17'
    WHEN date_part('year', age((s.admitted_at AT TIME ZONE 'UTC')::date, p.date_of_birth)) < 60 THEN '18-59'
    ELSE '60+' END`,
  centre: `c.code`,
};

/**
 * Aggregates for the exchange of information between centres: counts only, never a name, id or date of birth,
 * and no group smaller than STATISTICS_MIN_GROUP (small groups are only added up together). They span every
 * centre (no centre scope): nothing in them identifies a person.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(admissionsConfig.KEY) private readonly config: AdmissionsConfig,
  ) {}

  async admissions(query: AdmissionStatisticsQueryDto): Promise<AdmissionStatisticsResponseDto> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(to > from) || to.getTime() - from.getTime() > MAX_SPAN_MS) {
      throw new RuleViolation(
        'STATISTICS_PERIOD',
        'The period must end after it starts and span at most 10 years',
        [{ field: 'to', message: 'must be after from, at most 10 years later' }],
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
      .where('s.admitted_at >= :from AND s.admitted_at < :to', { from, to })
      .andWhere('t.id IS NULL')
      .groupBy('1')
      .orderBy('count', 'DESC')
      .addOrderBy('key', 'ASC');
    if (query.centreId) qb.andWhere('s.centre_id = :centreId', { centreId: query.centreId });
    const all: { key: string; count: number }[] = await qb.getRawMany();
    const minGroup = this.config.statisticsMinGroup;
    const small = all.filter((g) => g.count < minGroup);
    return {
      from,
      to,
      groupBy: query.groupBy,
      total: all.reduce((n, g) => n + g.count, 0),
      groups: all.filter((g) => g.count >= minGroup),
      suppressed: { groups: small.length, count: small.reduce((n, g) => n + g.count, 0), minGroup },
    };
  }
}
