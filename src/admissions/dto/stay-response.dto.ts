import { ApiProperty } from '@nestjs/swagger';
import { PersonResponseDto } from '../../persons/dto/person-response.dto';
import { ReleaseDestination, StayStatus } from '../entities/stay.entity';

export class StayResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: PersonResponseDto }) person: PersonResponseDto;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ enum: StayStatus }) status: StayStatus;
  @ApiProperty() admittedAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) admittedById: string | null;
  @ApiProperty({ nullable: true, type: Date }) arrivedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) arrivalPlace: string | null;
  @ApiProperty({ nullable: true, type: String }) broughtBy: string | null;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) accompaniedByStayId: string | null;
  @ApiProperty({ nullable: true, type: String }) relationshipToAccompanying: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Age in years at admission, from the date of birth',
  })
  ageAtAdmission: number | null;
  @ApiProperty({ description: 'Under 18 by date of birth at admission, or claimed' }) child: boolean;
  @ApiProperty() claimedChild: boolean;
  @ApiProperty({ description: 'A child admitted without an accompanying adult' }) unaccompanied: boolean;
  @ApiProperty({ nullable: true, type: String }) legalBasis: string | null;
  @ApiProperty({ nullable: true, type: String }) accommodationUnit: string | null;
  @ApiProperty() medicalScreeningDueAt: Date;
  @ApiProperty({ nullable: true, type: Date }) medicalScreeningDoneAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) exitedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the exit was recorded (never backdated)' })
  exitRecordedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ReleaseDestination }) releaseTo: ReleaseDestination | null;
  @ApiProperty({ nullable: true, type: String }) exitLegalBasis: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) exitAuthorisedById: string | null;
  @ApiProperty({ nullable: true, type: String }) exitReport: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
