import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsText, NestedObjects } from '../../common/validation/validators';
import { Sex } from '../../persons/entities/person.entity';
import { AGE_BANDS } from '../occupancy';

export class CountDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class OccupancyResponseDto {
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty() at: Date;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'People with an ACTIVE stay' }) present: number;
  @ApiProperty({ description: 'capacity - present (negative when over capacity)' }) available: number;
  @ApiProperty() overCapacity: boolean;
  @ApiProperty({ type: [CountDto], description: `Keys: ${Object.values(Sex).join(', ')}` }) bySex: CountDto[];
  @ApiProperty({ type: [CountDto], description: `Keys: ${AGE_BANDS.join(', ')} (age today)` })
  byAgeBand: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'First nationality listed, or unknown' })
  byNationality: CountDto[];
  @ApiProperty({
    type: [CountDto],
    description:
      'From the current screenings; a person may count under several. Unscreened people are not counted.',
  })
  byVulnerability: CountDto[];
  @ApiProperty() children: number;
  @ApiProperty() unaccompaniedChildren: number;
  @ApiProperty({ description: 'Present people not yet screened' }) notScreened: number;
}

export class RollEntryDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() familyNames: string;
  @ApiProperty({ enum: Sex }) sex: Sex;
  @ApiProperty({ enum: AGE_BANDS }) ageBand: string;
  @ApiProperty({ type: [String] }) nationalities: string[];
  @ApiProperty() admittedAt: Date;
}

export class RollUnitDto {
  @ApiProperty({ nullable: true, type: String, description: 'null: no accommodation unit recorded' })
  unit: string | null;
  @ApiProperty() count: number;
  @ApiProperty({ type: [RollEntryDto] }) people: RollEntryDto[];
}

export class RollResponseDto {
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty() at: Date;
  @ApiProperty() present: number;
  @ApiProperty({ type: [RollUnitDto] }) units: RollUnitDto[];
}

export class UnitHeadcountDto {
  @IsText(50, { optional: true, example: 'B-12' })
  unit?: string;

  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  counted: number;
}

export class CreateHeadcountDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'The total; or give byUnit, or both' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  counted?: number;

  @ApiPropertyOptional({
    type: [UnitHeadcountDto],
    description: 'Per unit; a unit on the roll left out counts as 0 (omit unit for people without one)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @NestedObjects(() => UnitHeadcountDto)
  byUnit?: UnitHeadcountDto[];

  @IsText(2000, { optional: true, example: 'Evening count, 21:00' })
  notes?: string;
}

export class UnitCountDto {
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
  @ApiProperty() counted: number;
  @ApiProperty() expected: number;
  @ApiProperty() difference: number;
}

export class HeadcountResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty() countedAt: Date;
  @ApiProperty({ format: 'uuid' }) countedById: string;
  @ApiProperty() counted: number;
  @ApiProperty({ description: 'On the roll when the count was recorded' }) expected: number;
  @ApiProperty({ description: 'counted - expected' }) difference: number;
  @ApiProperty({ description: 'True when the count differs from the roll, in total or in any unit' })
  discrepancy: boolean;
  @ApiProperty({ type: [UnitCountDto] }) byUnit: UnitCountDto[];
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}
