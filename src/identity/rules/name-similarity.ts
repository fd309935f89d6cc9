import { UNACCENT_RULES } from './unaccent-table';

/**
 * Fuzzy comparison of person names across admissions: the same woman may be written "Ana María López
 * Hernández" at one centre and "ANA LOPEZ" at another. Names are folded (accents, case, punctuation) and
 * compared word by word.
 *
 * The folding is the database's, letter for letter: PostgreSQL's unaccent rules (generated into
 * unaccent-table.ts), then lower case, then anything but a-z and digits separates words, as
 * persons.search_name is split in PersonsService.findAlikeBornNear. So "Yıldız Aydın" is "yildiz aydin",
 * "Strauß" is "strauss" and the Hausa "Ɗan" is "dan", here and in the pre-filter alike.
 */
export function foldName(name: string): string[] {
  return Array.from(name, (c) => UNACCENT_RULES.get(c) ?? c)
    .join('')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1 && !STOP_WORDS.has(t));
}

/** Words too common in names to say anything about who someone is. */
export const STOP_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'da', 'dos', 'das']);

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

const tokensAlike = (a: string, b: string): boolean =>
  a === b || (Math.min(a.length, b.length) >= 4 && levenshtein(a, b) <= 1);

/**
 * True when the shorter name's tokens all appear (allowing one typo per token) in the longer one, and at
 * least two tokens agree: "Ana López" is like "Ana María López Hernández"; "Ana" alone is like nobody.
 */
export function namesAlike(a: string, b: string): boolean {
  const [short, long] = [foldName(a), foldName(b)].sort((x, y) => x.length - y.length);
  if (short.length < 2) return false;
  return short.every((t) => long.some((u) => tokensAlike(t, u)));
}

/** Dates of birth within a year of each other (approximate dates are common). */
export function birthDatesClose(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const days = Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
  return days <= 366;
}
