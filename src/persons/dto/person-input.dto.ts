import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsDateOfBirth, IsCountryCode, IsText, NestedObject } from '../../common/validation/validators';
import { Sex } from '../entities/person.entity';

const LANGUAGE = /^[a-z]{2,3}$/;

export class NextOfKinDto {
  @IsText(200, { example: 'Rosa López' })
  name: string;

  @IsText(100, { optional: true, example: 'mother' })
  relationship?: string;

  @IsText(50, { optional: true, example: '+504 9999 0000' })
  phone?: string;

  @IsText(500, { optional: true })
  address?: string;
}

/** The identity fields of a person, as given at admission. */
export class PersonInputDto {
  @IsText(200, { example: 'Ana María' })
  givenNames: string;

  @IsText(200, { example: 'López Ruiz' })
  familyNames: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['Anita López'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @IsText(400, { optional: true, example: 'মোহাম্মদ রহিম উদ্দিন' })
  nameOriginalScript?: string;

  @ApiProperty({ enum: Sex })
  @IsEnum(Sex)
  sex: Sex;

  @ApiPropertyOptional({ example: '1994-03-02', description: 'YYYY-MM-DD; may be an estimate' })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'The date of birth is an estimate', default: false })
  @IsOptional()
  @IsBoolean()
  dateOfBirthEstimated?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['HN'], description: 'ISO 3166-1 alpha-2', maxItems: 5 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsCountryCode({ each: true })
  nationalities?: string[];

  @ApiPropertyOptional({ example: 'HN' })
  @IsOptional()
  @IsCountryCode()
  countryOfBirth?: string;

  @ApiPropertyOptional({ type: [String], example: ['es'], description: 'ISO 639 codes', maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE, { each: true, message: 'languages must be ISO 639 codes such as es, en, ht' })
  languages?: string[];

  @ApiPropertyOptional({ example: 'es', description: 'ISO 639 code for documents and receipts' })
  @IsOptional()
  @Matches(LANGUAGE, { message: 'preferredLanguage must be an ISO 639 code such as es' })
  preferredLanguage?: string;

  @ApiPropertyOptional({ type: NextOfKinDto })
  @IsOptional()
  @NestedObject(() => NextOfKinDto)
  nextOfKin?: NextOfKinDto;

  @IsText(500, { optional: true })
  forwardingAddress?: string;
}
