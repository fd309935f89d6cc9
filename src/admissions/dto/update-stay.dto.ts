import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { IsText } from '../../common/validation/validators';

/** What may change during a stay: where the person sleeps, and the legal basis for holding them. */
export class UpdateStayDto {
  @IsText(50, { optional: true, example: 'C-03' })
  accommodationUnit?: string;

  // May be replaced, never erased: the legal basis for holding someone cannot become "none".
  @IsText(1000, {
    optional: true,
    nullable: false,
    example: 'Ley de Migración, art. 99; prórroga 2026/118',
  })
  legalBasis?: string;

  @ApiProperty({ description: 'The version you read; a stale version answers 409' })
  @IsInt()
  @Min(1)
  version: number;
}
