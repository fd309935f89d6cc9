import { FontFace } from './fonts';
import { isWinAnsiText, splitRuns } from './text-runs';

const face = (name: string) => ({ name }) as unknown as FontFace;
const arabic = face('Arabic');
const cjk = face('CJK');
const faceFor = (cp: number) => (cp >= 0x0600 && cp <= 0x06ff ? arabic : cp >= 0x4e00 ? cjk : null);

describe('splitRuns', () => {
  it('keeps WinAnsi text (Latin with accents, €, curly quotes) in one standard-font run', () => {
    expect(isWinAnsiText('José Pérez Núñez “€”')).toBe(true);
    expect(splitRuns('José Pérez', faceFor, null)).toEqual([{ text: 'José Pérez', face: null, rtl: false }]);
  });

  it('splits mixed scripts by font, flags right-to-left runs, and keeps spaces', () => {
    const runs = splitRuns('Mohammad محمد حداد 王伟', faceFor, null);
    expect(runs).toEqual([
      { text: 'Mohammad ', face: null, rtl: false },
      { text: 'محمد حداد ', face: arabic, rtl: true },
      { text: '王伟', face: cjk, rtl: false },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe('Mohammad محمد حداد 王伟');
  });

  it('falls back to the fallback face for characters no face covers', () => {
    const fallback = face('Fallback');
    expect(splitRuns('ሰላም', () => null, fallback)).toEqual([{ text: 'ሰላም', face: fallback, rtl: false }]);
  });
});
