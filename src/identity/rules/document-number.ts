/**
 * Document numbers are compared after normalising: upper case, no spaces, dashes, dots or slashes, so
 * "AB 123-456" typed at one centre matches "ab123456" typed at another. Only the normalised form is stored.
 */
export function normaliseDocumentNumber(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[\s\-./_]/g, '');
}

/** What a response or a screen may show: the last four characters only. */
export function maskDocumentNumber(normalised: string): string {
  const tail = normalised.slice(-4);
  return `${'•'.repeat(Math.max(0, Math.min(normalised.length - 4, 8)))}${tail}`;
}
