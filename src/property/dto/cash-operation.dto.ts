import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { IsText } from '../../common/validation/validators';
import { PersonAcknowledgementDto } from './acknowledgement.dto';
import { CashInDto, MoneyDto } from './money.dto';

export class CashDepositDto extends CashInDto {
  @IsText(200, { optional: true, example: 'money sent by family' })
  purpose?: string;

  @ApiProperty({ type: PersonAcknowledgementDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonAcknowledgementDto)
  acknowledgement: PersonAcknowledgementDto;
}

export class CashWithdrawalDto extends MoneyDto {
  @IsText(200, { example: 'phone card' })
  purpose: string;

  @ApiProperty({ type: PersonAcknowledgementDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonAcknowledgementDto)
  acknowledgement: PersonAcknowledgementDto;
}

export class CorrectionDto {
  @IsText(500, { example: 'entered against the wrong item' })
  reason: string;
}
