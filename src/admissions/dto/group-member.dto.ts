import { ApiProperty } from '@nestjs/swagger';
import { Sex } from '../../persons/entities/person.entity';
import { StayStatus } from '../entities/stay.entity';

/** One person of an arrival group (a family, people found together). */
export class GroupMemberDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() familyNames: string;
  @ApiProperty({ enum: Sex }) sex: Sex;
  @ApiProperty({ nullable: true, type: Number }) ageAtAdmission: number | null;
  @ApiProperty() child: boolean;
  @ApiProperty() unaccompanied: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) accompaniedByStayId: string | null;
  @ApiProperty({ nullable: true, type: String }) relationshipToAccompanying: string | null;
  @ApiProperty({ enum: StayStatus }) status: StayStatus;
}
