import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, Matches, Max, Min } from 'class-validator';
import { IsCountryCode, IsText, IsTimeZone } from '../../common/validation/validators';
import { Regime } from '../entities/centre.entity';

export class CreateCentreDto {
  @ApiProperty({
    example: 'TGU-01',
    description: '2-20 upper-case letters, digits or dashes; printed on receipts',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'code must be 2-20 letters, digits or dashes' })
  code: string;

  @IsText(200, { example: 'Centro de Atención al Migrante Retornado' })
  name: string;

  @ApiProperty({ example: 'HN', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ enum: Regime })
  @IsEnum(Regime)
  regime: Regime;

  @ApiProperty({ example: 120, minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity: number;

  @IsText(500, { optional: true, example: 'Col. Kennedy, Tegucigalpa' })
  address?: string;

  @ApiProperty({ example: 'America/Tegucigalpa' })
  @IsTimeZone()
  timeZone: string;
}
