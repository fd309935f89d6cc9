import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { PersonAcknowledgementDto } from './acknowledgement.dto';

export class AcknowledgeReceiptDto {
  @ApiProperty({ description: 'The receipt version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: PersonAcknowledgementDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonAcknowledgementDto)
  person: PersonAcknowledgementDto;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Other officers signing besides the caller (who always signs)',
  })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(3)
  otherOfficerIds?: string[];
}
