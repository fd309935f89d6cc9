import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsDefined, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { PersonAcknowledgementDto } from './acknowledgement.dto';
import { NestedObject } from '../../common/validation/validators';

export class AcknowledgeReceiptDto {
  @ApiProperty({ description: 'The receipt version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: PersonAcknowledgementDto })
  @IsDefined()
  @NestedObject(() => PersonAcknowledgementDto)
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
