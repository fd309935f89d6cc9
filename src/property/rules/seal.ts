/** Seal numbers are written by hand and typed again at another centre: compare them trimmed and case-blind. */
export function normaliseSeal(seal: string): string {
  return seal.trim().toUpperCase();
}

export function sealsMatch(a: string, b: string): boolean {
  return normaliseSeal(a) === normaliseSeal(b);
}

export interface SealComparison {
  matched: string[];
  /** Presented at arrival but not among the seals handed over. */
  unknown: string[];
  /** Handed over but not presented at arrival. */
  missing: string[];
}

/** Compares the seals presented at arrival with those handed over, normalised; duplicates count once. */
export function compareSeals(expected: string[], presented: string[]): SealComparison {
  const want = new Set(expected.map(normaliseSeal));
  const got = new Set(presented.map(normaliseSeal));
  return {
    matched: [...got].filter((s) => want.has(s)),
    unknown: [...got].filter((s) => !want.has(s)),
    missing: [...want].filter((s) => !got.has(s)),
  };
}
