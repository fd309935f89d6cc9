import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';

import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDateTime } from '../../common/validation/validators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  centreId?: string;

  @ApiPropertyOptional({ example: 'stay' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  // Ids are recorded in lower case; a UUID typed in capitals finds them too.
  @Transform(({ value }) => (typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value))
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the user who acted' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'centre.create' })
  @IsOptional()
  @Matches(/^[a-z_.-]{1,60}$/)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'A time without a zone is UTC' })
  @IsOptional()
  @IsDateTime({ zone: 'utc-if-absent' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'A time without a zone is UTC' })
  @IsOptional()
  @IsDateTime({ zone: 'utc-if-absent' })
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}
