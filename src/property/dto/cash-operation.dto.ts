import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { IsText, NestedObject } from '../../common/validation/validators';
import { PersonAcknowledgementDto } from './acknowledgement.dto';
import { CashInDto, MoneyDto } from './money.dto';

export class CashDepositDto extends CashInDto {
  @IsText(200, { optional: true, example: 'money sent by family' })
  purpose?: string;

  @ApiProperty({ type: PersonAcknowledgementDto })
  @IsDefined()
  @NestedObject(() => PersonAcknowledgementDto)
  acknowledgement: PersonAcknowledgementDto;
}

export class CashWithdrawalDto extends MoneyDto {
  @IsText(200, { example: 'phone card' })
  purpose: string;

  @ApiProperty({ type: PersonAcknowledgementDto })
  @IsDefined()
  @NestedObject(() => PersonAcknowledgementDto)
  acknowledgement: PersonAcknowledgementDto;
}

export class CorrectionDto {
  @IsText(500, { example: 'entered against the wrong item' })
  reason: string;
}
