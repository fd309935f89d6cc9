import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { PersonInputDto } from './person-input.dto';

/** Corrections to a person's record; only the fields sent change (arrays are replaced whole). */
export class UpdatePersonDto extends PartialType(PersonInputDto) {
  @ApiProperty({ description: 'The version you read; a stale version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
