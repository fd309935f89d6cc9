import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsISO4217CurrencyCode,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { isCashCurrency, MAX_MINOR_AMOUNT } from '../rules/money';
import { NestedObjects } from '../../common/validation/validators';

/** An ISO 4217 code of money a person can carry (upper case; metals and fund codes refused). */
export function IsCashCurrency(options: ValidationOptions = {}) {
  return applyDecorators(
    ApiProperty({ example: 'MXN', description: 'ISO 4217 currency code' }),
    IsISO4217CurrencyCode({ message: '$property must be an ISO 4217 currency code such as MXN', ...options }),
    (object: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isCashCurrency',
        target: object.constructor,
        propertyName: String(propertyName),
        options: { message: `${String(propertyName)} is not a currency of cash`, ...options },
        validator: { validate: (v: unknown) => typeof v === 'string' && isCashCurrency(v) },
      }),
  );
}

/** An amount in integer minor units of its currency (cents for USD, yen for JPY, fils for BHD): never a float. */
export function IsMinorAmount(min = 1) {
  return applyDecorators(
    ApiProperty({
      minimum: min,
      maximum: MAX_MINOR_AMOUNT,
      example: 12000,
      description: 'Integer minor units',
    }),
    IsInt({ message: '$property must be an integer number of minor units (e.g. cents), not a decimal' }),
    Min(min),
    Max(MAX_MINOR_AMOUNT),
  );
}

export class DenominationDto {
  @ApiProperty({ description: 'Face value of one note or coin, in minor units', example: 5000 })
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR_AMOUNT)
  valueMinor: number;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100000)
  count: number;
}

export class MoneyDto {
  @IsCashCurrency()
  currency: string;

  @IsMinorAmount()
  amountMinor: number;
}

export class CashInDto extends MoneyDto {
  @ApiPropertyOptional({
    type: [DenominationDto],
    description: 'Count by denomination; must add up to the amount',
  })
  @IsOptional()
  @NestedObjects(() => DenominationDto)
  @ArrayMaxSize(50)
  denominations?: DenominationDto[];
}

export class ValueDto {
  @IsCashCurrency()
  currency: string;

  @IsMinorAmount(0)
  amountMinor: number;
}
