import { formatClaimReference, formatReceiptNumber, parseReceiptNumber } from './receipt-number';

describe('receipt numbers', () => {
  it('formats per centre and year with six digits', () => {
    expect(formatReceiptNumber('TAP-01', 2026, 123)).toBe('RC-TAP-01-2026-000123');
    expect(formatClaimReference('TAP-01', 2026, 7)).toBe('CL-TAP-01-2026-000007');
  });

  it('refuses sequences that do not fit', () => {
    expect(() => formatReceiptNumber('TAP-01', 2026, 0)).toThrow(RangeError);
    expect(() => formatReceiptNumber('TAP-01', 2026, 1_000_000)).toThrow(RangeError);
  });

  it('parses its own format, centre codes with dashes included', () => {
    expect(parseReceiptNumber('RC-TAP-01-2026-000123')).toEqual({
      centreCode: 'TAP-01',
      year: 2026,
      seq: 123,
    });
    expect(parseReceiptNumber('RC-TAP-2026-123')).toBeNull();
  });
});
