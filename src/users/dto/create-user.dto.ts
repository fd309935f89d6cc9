import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../../auth/role.enum';
import { IsText } from '../../common/validation/validators';

export class CreateUserDto {
  @ApiProperty({ example: 'maria.gomez@centre.example.org' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsText(120, { example: 'María Gómez' })
  displayName: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: Role, isArray: true, example: [Role.IntakeOfficer] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Centres the user may see' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  centreIds: string[];
}
