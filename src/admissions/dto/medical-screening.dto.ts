import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateTime } from '../../common/validation/validators';

export class MedicalScreeningDoneDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the medical screening took place, with its zone; now by default',
  })
  @IsOptional()
  @IsDateTime()
  at?: string;
}

export class OverdueMedicalScreeningDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() givenNames: string;
  @ApiProperty() familyNames: string;
  @ApiProperty({ nullable: true, type: String }) accommodationUnit: string | null;
  @ApiProperty() admittedAt: Date;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ description: 'Minutes since the deadline passed' }) overdueMinutes: number;
}
