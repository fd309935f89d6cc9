/** Pieces shared by the stay documents' view models (filled by the loaders in src/documents/stay-documents). */
export interface PersonSummary {
  personId: string;
  fullName: string;
  /** The name in its own script (Arabic, Bengali, Chinese...), printed beside the Latin one. */
  originalScriptName: string | null;
  sex: string | null;
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  nationalities: string[];
}

export interface CentreSummary {
  name: string;
  code: string;
  regime: string;
  address: string | null;
  timeZone: string;
}

/** Filled by the property module through DocumentContributions; null when nobody provides it. */
export interface PropertyList {
  items: Array<{ description: string; quantity: number; condition?: string | null; seal?: string | null }>;
  cash: Array<{ currency: string; amountMinor: number | string; minorDigits?: number }>;
}

/** Filled by the identity module through DocumentContributions; null when nobody provides it. */
export interface IdentitySummary {
  evidence: string[];
  verification: { method: string; result: string; at: string } | null;
}

export function sexLabel(t: (k: string) => string, sex: string | null): string | null {
  return sex ? t(`sex.${sex}`) : null;
}

export function dateOfBirthLabel(
  t: (k: string) => string,
  person: Pick<PersonSummary, 'dateOfBirth' | 'dateOfBirthEstimated'>,
): string | null {
  if (!person.dateOfBirth) return null;
  return person.dateOfBirthEstimated ? `${person.dateOfBirth} ${t('estimated')}` : person.dateOfBirth;
}

/** Integer minor units to a decimal string (never through floating point). */
export function formatMinor(amountMinor: number | string, digits = 2): string {
  const s = BigInt(amountMinor).toString();
  const negative = s.startsWith('-');
  const abs = negative ? s.slice(1) : s;
  if (digits === 0) return s;
  const padded = abs.padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
