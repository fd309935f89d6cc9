import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsDateTime, IsText, NestedObject } from '../../common/validation/validators';
import { PersonInputDto } from '../../persons/dto/person-input.dto';

export class ArrivalDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-20T14:05:00Z',
    description: 'When the person arrived: a date, a time and its zone (Z or ±hh:mm)',
  })
  @IsDateTime()
  at: string;

  @IsText(300, { optional: true, example: 'Puesto fronterizo El Amatillo' })
  place?: string;

  @IsText(300, { optional: true, example: 'Policía Nacional, patrulla 14' })
  broughtBy?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Group of people admitted together; omit or null to start a new group',
  })
  @IsOptional()
  @IsUUID()
  groupId?: string | null;
}

export class AccompaniedByDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The ACTIVE stay of the accompanying adult, in the same centre',
  })
  @IsUUID()
  stayId: string;

  @IsText(100, { example: 'mother' })
  relationship: string;
}

export class CreateAdmissionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  centreId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An existing person (found with GET /persons); give either personId or person',
  })
  @ValidateIf((o: CreateAdmissionDto) => o.person === undefined)
  @IsUUID(undefined, { message: 'give either personId or person' })
  personId?: string;

  @ApiPropertyOptional({ type: PersonInputDto, description: 'A new person; give either personId or person' })
  @ValidateIf((o: CreateAdmissionDto) => o.personId === undefined || o.person !== undefined)
  @NestedObject(() => PersonInputDto)
  person?: PersonInputDto;

  @ApiProperty({ type: ArrivalDto })
  @IsDefined()
  @NestedObject(() => ArrivalDto)
  arrival: ArrivalDto;

  @ApiPropertyOptional({ type: AccompaniedByDto, description: 'For a child: the accompanying adult' })
  @IsOptional()
  @NestedObject(() => AccompaniedByDto)
  accompaniedBy?: AccompaniedByDto;

  @ApiPropertyOptional({ default: false, description: 'The person says they are under 18' })
  @IsOptional()
  @IsBoolean()
  claimedChild?: boolean;

  @IsText(1000, { optional: true, example: 'Ley de Migración, art. 99' })
  legalBasis?: string;

  @IsText(50, { optional: true, example: 'B-12' })
  accommodationUnit?: string;
}
