import { ageOn } from '../persons/persons.service';

export const AGE_BANDS = ['0-11', '12-17', '18-59', '60+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(age: number | null): AgeBand {
  if (age === null) return 'unknown';
  if (age < 12) return '0-11';
  if (age < 18) return '12-17';
  if (age < 60) return '18-59';
  return '60+';
}

/** The age band on the calendar date `on` falls on in `timeZone`, the centre's (see ageOn). */
export function ageBandOn(dateOfBirth: string | null, on: Date, timeZone: string): AgeBand {
  return ageBand(ageOn(dateOfBirth, on, timeZone));
}

/** The first nationality listed is the one statistics count, so that every breakdown adds up to the total. */
export const primaryNationality = (nationalities: string[]): string => nationalities[0] ?? 'unknown';

/** Counts by key, largest first, then by key. */
export function tally<T>(
  items: T[],
  keyOf: (item: T) => string[] | string,
): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const keys = keyOf(item);
    for (const key of Array.isArray(keys) ? keys : [keys]) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
