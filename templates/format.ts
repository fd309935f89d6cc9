/**
 * Dates on documents of record are unambiguous in every language and across borders: ISO order, 24-hour time,
 * in the centre's time zone, with the zone named.
 */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string | null {
  if (value === null || value === undefined) return null;
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${formatterFor(timeZone).format(d)} (${timeZone})`;
}

// Building an Intl formatter costs far more than using one; a deployment has a handful of time zones.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // sv-SE prints ISO order (YYYY-MM-DD HH:mm).
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A calendar date (YYYY-MM-DD) printed as is. */
export const formatDate = (value: string | null | undefined): string | null => value ?? null;
