import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { IsText, NestedObject, NestedObjects } from '../../common/validation/validators';
import { ItemCategory } from '../property.enums';
import { CashInDto, ValueDto } from './money.dto';

export class ItemInputDto {
  @ApiProperty({ enum: ItemCategory })
  @IsEnum(ItemCategory)
  category: ItemCategory;

  @IsText(300, { example: 'Samsung phone, black, cracked screen' })
  description: string;

  @ApiProperty({ minimum: 1, maximum: 10000, default: 1 })
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity: number;

  @IsText(200, { example: 'used, working' })
  condition: string;

  @IsText(100, { optional: true, example: '356938035643809' })
  serialNumber?: string;

  @ApiPropertyOptional({ type: ValueDto })
  @IsOptional()
  @NestedObject(() => ValueDto)
  estimatedValue?: ValueDto;

  @IsText(200, { optional: true, example: 'sha256:9f86d0...' })
  photoRef?: string;

  @IsText(100, { example: 'Locker B-12' })
  storageLocation: string;

  @IsText(40, { optional: true, example: 'S-123' })
  sealNumber?: string;

  @ApiPropertyOptional({ description: 'Valuable (needs a witness); always true for jewellery_valuables' })
  @IsOptional()
  @IsBoolean()
  valuable?: boolean;
}

export class IntakeDto {
  @ApiProperty({ type: [ItemInputDto] })
  @IsArray()
  @NestedObjects(() => ItemInputDto)
  @ArrayMaxSize(200)
  items: ItemInputDto[] = [];

  @ApiProperty({ type: [CashInDto], description: 'One entry per currency' })
  @IsArray()
  @NestedObjects(() => CashInDto)
  @ArrayMaxSize(30)
  cash: CashInDto[] = [];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Second officer witnessing valuables (required if any)',
  })
  @IsOptional()
  @IsUUID()
  witnessId?: string;
}
