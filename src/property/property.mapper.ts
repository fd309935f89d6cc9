import { CashAccountResponseDto } from './dto/property-responses.dto';
import { CashAccount } from './entities/cash-account.entity';
import { PropertyBag } from './entities/property-bag.entity';
import { PropertyItem } from './entities/property-item.entity';
import { ReceiptCashLine, ReceiptItemLine } from './entities/property-receipt.entity';
import { formatMinor } from './rules/money';

export const toCashAccountResponse = (a: CashAccount): CashAccountResponseDto => ({
  id: a.id,
  currency: a.currency,
  balanceMinor: a.balanceMinor,
  balance: formatMinor(a.balanceMinor, a.currency),
  version: a.version,
});

export const cashLine = (currency: string, amountMinor: number): ReceiptCashLine => ({
  currency,
  amountMinor,
  amount: formatMinor(amountMinor, currency),
});

/** What a receipt prints for an item: a snapshot, so later changes to the item never alter a signed receipt. */
export function itemLine(
  item: PropertyItem,
  bags: Map<string, PropertyBag>,
  witnessId: string | null,
  witnessName: string | null = null,
): ReceiptItemLine {
  return {
    itemId: item.id,
    category: item.category,
    description: item.description,
    quantity: item.quantity,
    condition: item.condition,
    serialNumber: item.serialNumber,
    estimatedValue:
      item.estimatedValueMinor === null ? null : formatMinor(item.estimatedValueMinor, item.valueCurrency!),
    sealNumber: item.bagId ? (bags.get(item.bagId)?.sealNumber ?? null) : null,
    storageLocation: item.storageLocation,
    witnessId,
    witnessName: witnessId ? witnessName : null,
  };
}
