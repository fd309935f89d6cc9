import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/validators';
import { CountDto } from './occupancy.dto';

export const GROUP_BY = ['nationality', 'sex', 'ageBand', 'centre'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/*
 * Whole days only: two windows then differ by at least a day of admissions, never by one person's admission
 * time (a window ending a millisecond after an admission isolated that person). See docs/admissions.md.
 */
export class AdmissionStatisticsQueryDto {
  @ApiProperty({
    format: 'date',
    example: '2026-11-01',
    description: "First day counted (inclusive), YYYY-MM-DD, on each centre's local calendar; no time of day",
  })
  @IsCalendarDate()
  from: string;

  @ApiProperty({
    format: 'date',
    example: '2026-12-01',
    description:
      "Day after the last day counted (exclusive), YYYY-MM-DD, on each centre's local calendar; no time of day. " +
      'At most 10 years after from',
  })
  @IsCalendarDate()
  to: string;

  @ApiProperty({ enum: GROUP_BY })
  @IsIn(GROUP_BY)
  groupBy: GroupBy;

  @ApiPropertyOptional({ format: 'uuid', description: 'One centre only' })
  @IsOptional()
  @IsUUID()
  centreId?: string;
}

export class SuppressedDto {
  @ApiProperty({ description: 'Groups left out because each counts fewer than minGroup people' })
  groups: number;
  @ApiProperty({
    description: 'Admissions in those groups together (also in total), rounded like every count',
  })
  count: number;
  @ApiProperty({ description: 'The smallest group shown (STATISTICS_MIN_GROUP)' }) minGroup: number;
}

export class AdmissionStatisticsResponseDto {
  @ApiProperty({ format: 'date', description: 'First day counted (inclusive)' }) from: string;
  @ApiProperty({ format: 'date', description: 'Day after the last day counted (exclusive)' }) to: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy: GroupBy;
  @ApiProperty({
    description:
      'Every count (total, groups, suppressed.count) is rounded to the nearest multiple of this (minGroup), ' +
      'so that two periods a day apart do not show one more person in a group',
  })
  roundedTo: number;
  @ApiProperty({
    description: 'Arrivals in the period, rounded (transfers between centres are not counted again)',
  })
  total: number;
  @ApiProperty({
    type: [CountDto],
    description:
      'nationality: first listed; ageBand: age at admission on the centre’s calendar; centre: centre code. ' +
      'Counts rounded to roundedTo; only groups of at least minGroup people (before rounding)',
  })
  groups: CountDto[];
  @ApiProperty({
    type: SuppressedDto,
    description: 'Groups smaller than minGroup, shown only as their number and combined (rounded) count',
  })
  suppressed: SuppressedDto;
}
