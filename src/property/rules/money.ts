/**
 * Money is held in integer minor units of an ISO 4217 currency. The exponent comes from ISO 4217 itself, not
 * from the runtime's ICU data (ICU rounds some currencies, e.g. IDR, to cash digits).
 */
const EXPONENT_0 = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const EXPONENT_3 = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const EXPONENT_4 = new Set(['CLF', 'UYW']);
/** Codes ISO 4217 lists without minor units ("N.A."): metals, SDR, bond-market and accounting units, test codes. */
const NO_MINOR_UNITS = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);
/**
 * ISO 4217 fund codes: indexed units, next-day funds, the WIR complementary currencies and the Arab Monetary
 * Fund's accounting dinar. They have minor units but are not notes or coins a person carries.
 */
const FUND_CODES = new Set(['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'XAD']);
const NOT_CASH = new Set([...NO_MINOR_UNITS, ...FUND_CODES]);

/** The largest amount the API accepts: keeps every sum exact in a JavaScript number and in a bigint column. */
export const MAX_MINOR_AMOUNT = 1_000_000_000_000;

export function isCashCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && !NOT_CASH.has(code);
}

/**
 * The ISO exponent of any code that has minor units. Fund codes keep theirs although they are no longer taken
 * in, so an amount recorded before they were refused still prints and can still be returned.
 */
export function currencyExponent(code: string): number {
  if (!/^[A-Z]{3}$/.test(code) || NO_MINOR_UNITS.has(code)) {
    throw new RangeError(`${code} has no minor units`);
  }
  if (EXPONENT_0.has(code)) return 0;
  if (EXPONENT_3.has(code)) return 3;
  if (EXPONENT_4.has(code)) return 4;
  return 2;
}

/** 12000 USD → "120.00 USD"; 500 JPY → "500 JPY"; 1500 BHD → "1.500 BHD". Exact: no floating point. */
export function formatMinor(amountMinor: number | bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const value = BigInt(amountMinor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exp + 1, '0');
  const units = exp ? `${digits.slice(0, -exp)}.${digits.slice(-exp)}` : digits;
  return `${negative ? '-' : ''}${units} ${currency}`;
}

export interface DenominationCount {
  /** Face value of one note or coin, in minor units. */
  valueMinor: number;
  count: number;
}

/** A denomination count, when given, must add up to the amount exactly. */
export function denominationTotal(counts: DenominationCount[]): number {
  return counts.reduce((sum, d) => sum + d.valueMinor * d.count, 0);
}
