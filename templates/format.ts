/**
 * Dates on documents of record are unambiguous in every language and across borders: ISO order, 24-hour time,
 * in the centre's time zone, with the zone named.
 */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string | null {
  if (value === null || value === undefined) return null;
  const d = typeof value === 'string' ? new Date(value) : value;
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${local} (${timeZone})`;
}

/** A calendar date (YYYY-MM-DD) printed as is. */
export const formatDate = (value: string | null | undefined): string | null => value ?? null;
