import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { IsCountryCode, IsText, IsTimeZone, OptionalNotNull } from '../../common/validation/validators';
import { Regime } from '../entities/centre.entity';

/**
 * Written out rather than `PartialType(CreateCentreDto)`: PartialType marks fields `IsOptional()`, which also
 * lets `null` through to NOT NULL columns. Only `address` may be cleared with null.
 */
export class UpdateCentreDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @IsText(200, { optional: true, nullable: false })
  name?: string;

  @ApiPropertyOptional({ example: 'HN', description: 'ISO 3166-1 alpha-2' })
  @OptionalNotNull()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: Regime })
  @OptionalNotNull()
  @IsEnum(Regime)
  regime?: Regime;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @IsText(500, { optional: true })
  address?: string | null;

  @ApiPropertyOptional({ example: 'America/Tegucigalpa' })
  @OptionalNotNull()
  @IsTimeZone()
  timeZone?: string;
}
