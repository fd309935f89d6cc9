import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { ReleaseDestination } from '../entities/stay.entity';
import type { ExitKind } from '../gates/exit-gate';

export class ReleaseReadinessQueryDto {
  @ApiPropertyOptional({ enum: ['RELEASE', 'TRANSFER_OUT'], default: 'RELEASE' })
  @IsOptional()
  @IsIn(['RELEASE', 'TRANSFER_OUT'])
  kind?: 'RELEASE' | 'TRANSFER_OUT';

  @ApiPropertyOptional({ enum: ReleaseDestination })
  @IsOptional()
  @IsEnum(ReleaseDestination)
  releaseTo?: ReleaseDestination;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  receivingCentreId?: string;

  @IsText(1000, { optional: true, example: 'Resolución INM-2026-0412' })
  legalBasis?: string;
}

export class GateFailureDto {
  @ApiProperty({ example: 'LEGAL_BASIS_MISSING' }) code: string;
  @ApiProperty() message: string;
}

export class ReleaseReadinessResponseDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ enum: ['RELEASE', 'TRANSFER_OUT', 'TRANSFER_IN'] }) kind: ExitKind;
  @ApiProperty({ description: 'True when no gate fails' }) ready: boolean;
  @ApiProperty({ type: [String], description: 'The gates evaluated' }) gates: string[];
  @ApiProperty({ type: [GateFailureDto] }) failures: GateFailureDto[];
}
