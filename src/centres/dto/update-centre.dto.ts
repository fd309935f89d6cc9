import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CreateCentreDto } from './create-centre.dto';

export class UpdateCentreDto extends PartialType(OmitType(CreateCentreDto, ['code'] as const)) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
