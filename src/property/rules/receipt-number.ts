export const MAX_RECEIPT_SEQ = 999_999;

/**
 * The year a receipt is numbered in: the centre's own calendar year (its IANA time zone), so a receipt written
 * at 19:00 on 31 December in Mexico City is not numbered in the next year because it is already January in UTC.
 */
export function numberingYear(timeZone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

/** `RC-<centre code>-<year>-<6-digit sequence>`, numbered per centre and year. */
export function formatReceiptNumber(centreCode: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_RECEIPT_SEQ) {
    throw new RangeError(`receipt sequence ${seq} is outside 1..${MAX_RECEIPT_SEQ}`);
  }
  return `RC-${centreCode}-${year}-${String(seq).padStart(6, '0')}`;
}

/** `CL-<centre code>-<year>-<6-digit sequence>`: the reference a person receives for a loss or damage claim. */
export function formatClaimReference(centreCode: string, year: number, seq: number): string {
  return `CL${formatReceiptNumber(centreCode, year, seq).slice(2)}`;
}

export function parseReceiptNumber(value: string): { centreCode: string; year: number; seq: number } | null {
  const m = /^RC-([A-Z0-9-]{2,20})-(\d{4})-(\d{6})$/.exec(value);
  return m ? { centreCode: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}
