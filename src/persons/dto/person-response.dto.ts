import { ApiProperty } from '@nestjs/swagger';
import { Sex } from '../entities/person.entity';
import { NextOfKinDto } from './person-input.dto';

export class PersonResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() familyNames: string;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ nullable: true, type: String }) nameOriginalScript: string | null;
  @ApiProperty({ enum: Sex }) sex: Sex;
  @ApiProperty({ nullable: true, type: String, example: '1994-03-02' }) dateOfBirth: string | null;
  @ApiProperty() dateOfBirthEstimated: boolean;
  @ApiProperty({ type: [String] }) nationalities: string[];
  @ApiProperty({ nullable: true, type: String }) countryOfBirth: string | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ nullable: true, type: String }) preferredLanguage: string | null;
  @ApiProperty({ nullable: true, type: NextOfKinDto }) nextOfKin: NextOfKinDto | null;
  @ApiProperty({ nullable: true, type: String }) forwardingAddress: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
