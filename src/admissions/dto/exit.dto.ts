import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsDateTime, IsText } from '../../common/validation/validators';
import { ReleaseDestination, StayStatus } from '../entities/stay.entity';

export class ReleaseDto {
  @IsText(1000, {
    optional: true,
    example: 'Resolución INM/TAP/2026/0412 de 22 de noviembre',
  })
  legalBasis?: string;

  @ApiProperty({ enum: ReleaseDestination })
  @IsEnum(ReleaseDestination)
  releaseTo: ReleaseDestination;

  @ApiProperty({ description: 'The version of the stay you read; a stale version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ExitDto {
  @ApiProperty({ enum: [StayStatus.Absconded, StayStatus.Deceased] })
  @IsIn([StayStatus.Absconded, StayStatus.Deceased])
  outcome: StayStatus.Absconded | StayStatus.Deceased;

  @IsText(5000, { min: 10, example: 'Missing at the 06:00 count; last seen at 23:30 in unit B' })
  report: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it happened, with its zone; now by default',
  })
  @IsOptional()
  @IsDateTime()
  occurredAt?: string;

  @ApiProperty({ description: 'The version of the stay you read; a stale version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
