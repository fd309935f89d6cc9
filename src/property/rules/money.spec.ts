import { currencyExponent, denominationTotal, formatMinor, isCashCurrency } from './money';

describe('money rules', () => {
  it('uses ISO 4217 exponents', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('MXN')).toBe(2);
    expect(currencyExponent('IDR')).toBe(2);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
  });

  it('refuses codes that are not cash', () => {
    expect(isCashCurrency('XAU')).toBe(false);
    expect(isCashCurrency('usd')).toBe(false);
    expect(() => currencyExponent('XXX')).toThrow(RangeError);
  });

  it('refuses every ISO 4217 fund code, but still knows its exponent for amounts already on record', () => {
    for (const code of ['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'XAD']) {
      expect([code, isCashCurrency(code)]).toEqual([code, false]);
    }
    // The currencies they are tied to are cash.
    expect(['MXN', 'BOB', 'CHF', 'CLP', 'COP', 'USD', 'UYU'].every(isCashCurrency)).toBe(true);
    expect(currencyExponent('UYI')).toBe(0);
    expect(currencyExponent('UYW')).toBe(4);
    expect(formatMinor(1500, 'MXV')).toBe('15.00 MXV');
  });

  it('formats minor units exactly', () => {
    expect(formatMinor(12000, 'USD')).toBe('120.00 USD');
    expect(formatMinor(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMinor(500, 'JPY')).toBe('500 JPY');
    expect(formatMinor(1500, 'BHD')).toBe('1.500 BHD');
    expect(formatMinor(-5000, 'MXN')).toBe('-50.00 MXN');
    expect(formatMinor(10n ** 15n + 1n, 'USD')).toBe('10000000000000.01 USD');
  });

  it('adds a denomination count', () => {
    expect(
      denominationTotal([
        { valueMinor: 5000, count: 2 },
        { valueMinor: 2000, count: 1 },
      ]),
    ).toBe(12000);
  });
});
