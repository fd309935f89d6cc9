import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate, IsCountryCode, IsText } from '../../common/validation/validators';
import { Sex } from '../entities/person.entity';
import { NextOfKinDto } from './person-input.dto';

export class PersonSearchQueryDto {
  @IsText(200, {
    optional: true,
    min: 2,
    example: 'Jose Perez',
    description:
      'Names or aliases; accent- and case-insensitive, tolerant of spelling variants. Each word of three ' +
      'letters or more must match; without a date of birth, words of one or two letters only rank the candidates.',
  })
  q?: string;

  @ApiPropertyOptional({ example: '1994-03-02', description: 'Exact, or within a year of an estimated one' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'HN', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsCountryCode()
  nationality?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** The fields anyone may see, in any centre: enough to recognise a repeat arrival. */
export class PersonIdentityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() familyNames: string;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ nullable: true, type: String }) nameOriginalScript: string | null;
  @ApiProperty({ enum: Sex }) sex: Sex;
  @ApiProperty({ nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty() dateOfBirthEstimated: boolean;
  @ApiProperty({ type: [String] }) nationalities: string[];
  @ApiProperty({ nullable: true, type: String }) countryOfBirth: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Only when the person has a stay in your centres' })
  languages?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) preferredLanguage?: string | null;
  @ApiPropertyOptional({ nullable: true, type: NextOfKinDto }) nextOfKin?: NextOfKinDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) forwardingAddress?: string | null;
}

export class PersonStaySummaryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only for stays in your centres' }) stayId?: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
  @ApiPropertyOptional({ description: 'Only for stays in your centres' }) admittedAt?: Date;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'Only for stays in your centres' })
  exitedAt?: Date | null;
}

export class PersonSearchResultDto {
  @ApiProperty({ description: 'Higher is a better match (0-1.5)' }) score: number;
  @ApiProperty({ enum: ['full', 'identity'], description: "'identity' when no stay is in your centres" })
  visibility: 'full' | 'identity';
  @ApiProperty({ type: PersonIdentityDto }) person: PersonIdentityDto;
  @ApiProperty({ type: [PersonStaySummaryDto], description: 'Newest first' }) stays: PersonStaySummaryDto[];
}
