import { FontFace } from './fonts';

// Windows-1252 characters outside Latin-1: the standard PDF fonts encode exactly these plus Latin-1.
const CP1252_EXTRA = new Set(
  [
    0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
    0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
    0x0178,
  ].map(Number),
);

export const isWinAnsi = (cp: number): boolean =>
  (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || CP1252_EXTRA.has(cp);

export const isWinAnsiText = (text: string): boolean => {
  for (const ch of text) if (!isWinAnsi(ch.codePointAt(0)!)) return false;
  return true;
};

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic presentation forms.
const isRtl = (cp: number): boolean =>
  (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);

// Spaces, punctuation and digits belong to whichever run surrounds them.
const isNeutral = (cp: number): boolean =>
  cp === 0x20 ||
  cp === 0xa0 ||
  (cp >= 0x21 && cp <= 0x40) ||
  (cp >= 0x5b && cp <= 0x60) ||
  (cp >= 0x7b && cp <= 0x7e);

export interface TextRun {
  text: string;
  /** null: a standard font (the run is WinAnsi text). */
  face: FontFace | null;
  rtl: boolean;
}

/**
 * Splits a text into runs that one font can draw: WinAnsi runs use the standard fonts, anything else the first
 * Unicode face with the glyphs. Right-to-left runs are flagged so the caller can lay their words out visually.
 */
export function splitRuns(
  text: string,
  faceFor: (cp: number) => FontFace | null,
  fallback: FontFace | null,
): TextRun[] {
  if (isWinAnsiText(text)) return text ? [{ text, face: null, rtl: false }] : [];
  const runs: TextRun[] = [];
  let current: TextRun | null = null;
  let pendingNeutral = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isNeutral(cp) && current) {
      pendingNeutral += ch;
      continue;
    }
    const face = isNeutral(cp) || isWinAnsi(cp) ? null : (faceFor(cp) ?? fallback);
    const rtl = isRtl(cp);
    if (current && current.face === face && (current.rtl === rtl || isNeutral(cp))) {
      current.text += pendingNeutral + ch;
    } else {
      if (current) {
        // Neutral characters between two runs stay with the first, so spacing survives.
        current.text += pendingNeutral;
        runs.push(current);
      } else if (pendingNeutral) {
        runs.push({ text: pendingNeutral, face: null, rtl: false });
      }
      current = { text: ch, face, rtl };
    }
    pendingNeutral = '';
  }
  if (current) {
    current.text += pendingNeutral;
    runs.push(current);
  }
  return runs;
}
