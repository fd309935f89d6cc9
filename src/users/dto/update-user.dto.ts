import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { Role } from '../../auth/role.enum';
import { IsText, OptionalNotNull } from '../../common/validation/validators';

export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @IsText(120, { optional: true, nullable: false })
  displayName?: string;

  @ApiPropertyOptional({ enum: Role, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  centreIds?: string[];

  @ApiPropertyOptional({ description: 'false deactivates the account; its tokens stop working at once' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}
