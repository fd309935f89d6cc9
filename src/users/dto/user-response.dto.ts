import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../auth/role.enum';
import { User } from '../entities/user.entity';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ type: [String], format: 'uuid' }) centreIds: string[];
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(u: User): UserResponseDto {
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      roles: u.roles,
      centreIds: (u.centres ?? []).map((c) => c.centreId).sort(),
      active: u.active,
      version: u.version,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    };
  }
}
