import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { CountDto } from './occupancy.dto';

export const GROUP_BY = ['nationality', 'sex', 'ageBand', 'centre'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export class AdmissionStatisticsQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'Inclusive (UTC); a date or a date-time' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-12-01', description: 'Exclusive (UTC); a date or a date-time' })
  @IsISO8601({ strict: true })
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
  @ApiProperty({ description: 'People in those groups together (also in total)' }) count: number;
  @ApiProperty({ description: 'The smallest group shown (STATISTICS_MIN_GROUP)' }) minGroup: number;
}

export class AdmissionStatisticsResponseDto {
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty({ enum: GROUP_BY }) groupBy: GroupBy;
  @ApiProperty({ description: 'Arrivals in the period (transfers between centres are not counted again)' })
  total: number;
  @ApiProperty({
    type: [CountDto],
    description: 'nationality: first listed; ageBand: age at admission; centre: centre code',
  })
  groups: CountDto[];
  @ApiProperty({
    type: SuppressedDto,
    description: 'Groups smaller than minGroup, shown only as their number and combined count',
  })
  suppressed: SuppressedDto;
}
