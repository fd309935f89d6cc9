import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class MedicalScreeningDoneDto {
  @ApiPropertyOptional({ description: 'When the medical screening took place (UTC); now by default' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
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
