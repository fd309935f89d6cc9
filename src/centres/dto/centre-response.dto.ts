import { ApiProperty } from '@nestjs/swagger';
import { CrisisLevel, Regime } from '../entities/centre.entity';

export class CentreResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: Regime }) regime: Regime;
  @ApiProperty() capacity: number;
  @ApiProperty({ nullable: true }) address: string | null;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: CrisisLevel }) crisisLevel: CrisisLevel;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
