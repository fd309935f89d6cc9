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
}
