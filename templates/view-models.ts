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

/**
 * Filled by the identity module through DocumentContributions; null when nobody provides it. Kinds and counts
 * only: never a whole document number, a photo, a biometric template id or the description of a mark.
 */
export interface IdentitySummary {
  /** Identity documents on record: type, issuing country, the masked number the API shows (last four). */
  documents: Array<{
    type: string;
    issuingCountry: string | null;
    numberMasked: string | null;
    /** How the document itself was checked (visual, security_features...), if it was. */
    checkMethod: string | null;
  }>;
  photos: number;
  biometricReferences: number;
  distinguishingMarks: number;
  /** A wristband was issued during this stay. */
  wristband: boolean;
  /** The RELEASE checks that let the person out (the MATCHes the identity gate counted), oldest first. */
  verifications: Array<{ methods: string[]; result: string; at: string }>;
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
