import {
  formatClaimReference,
  formatReceiptNumber,
  numberingYear,
  parseReceiptNumber,
} from './receipt-number';

describe('receipt numbers', () => {
  it("number in the centre's own calendar year, not UTC's", () => {
    const newYearUtc = new Date('2027-01-01T01:00:00Z'); // 19:00 on 31 December in Mexico City
    expect(numberingYear('America/Mexico_City', newYearUtc)).toBe(2026);
    expect(numberingYear('UTC', newYearUtc)).toBe(2027);
    // Dhaka (UTC+6) is in the new year while UTC is still in the old one.
    expect(numberingYear('Asia/Dhaka', new Date('2026-12-31T20:00:00Z'))).toBe(2027);
  });

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
