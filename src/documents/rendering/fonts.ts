import { Logger } from '@nestjs/common';
import * as fontkit from 'fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Unicode fonts embedded (subset) only when a text is not WinAnsi: the standard PDF fonts cover Latin with
 * accents and weigh nothing. In order of preference; the first face holding a glyph for a character wins.
 * Debian packages: fonts-noto-core (SIL Open Font License 1.1), fonts-droid-fallback (Apache 2.0),
 * fonts-dejavu-core (Bitstream Vera licence). All allow embedding in documents.
 */
const CATALOGUE: Array<{ name: string; regular: string; bold?: string }> = [
  { name: 'NotoSans', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { name: 'NotoSansArabic', regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf' },
  { name: 'NotoSansBengali', regular: 'NotoSansBengali-Regular.ttf', bold: 'NotoSansBengali-Bold.ttf' },
  {
    name: 'NotoSansDevanagari',
    regular: 'NotoSansDevanagari-Regular.ttf',
    bold: 'NotoSansDevanagari-Bold.ttf',
  },
  { name: 'NotoSansGurmukhi', regular: 'NotoSansGurmukhi-Regular.ttf', bold: 'NotoSansGurmukhi-Bold.ttf' },
  { name: 'NotoSansEthiopic', regular: 'NotoSansEthiopic-Regular.ttf', bold: 'NotoSansEthiopic-Bold.ttf' },
  { name: 'NotoSansHebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
  { name: 'NotoSansTamil', regular: 'NotoSansTamil-Regular.ttf', bold: 'NotoSansTamil-Bold.ttf' },
  { name: 'NotoSansThai', regular: 'NotoSansThai-Regular.ttf', bold: 'NotoSansThai-Bold.ttf' },
  { name: 'NotoSansGeorgian', regular: 'NotoSansGeorgian-Regular.ttf', bold: 'NotoSansGeorgian-Bold.ttf' },
  { name: 'NotoSansArmenian', regular: 'NotoSansArmenian-Regular.ttf', bold: 'NotoSansArmenian-Bold.ttf' },
  { name: 'DroidSansFallback', regular: 'DroidSansFallbackFull.ttf' },
  { name: 'DejaVuSans', regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
];

/**
 * Parsed once per process and shared by every document: pdfkit accepts a fontkit font object, and parsing the
 * OpenType layout tables (GSUB/GPOS) for each document was most of the render time of non-Latin names.
 */
export interface FontFace {
  name: string;
  regular: fontkit.Font;
  bold: fontkit.Font;
}

interface Candidate {
  name: string;
  regularPath: string;
  boldPath?: string;
  face?: FontFace;
}

/** The fonts found on this machine; loaded lazily and kept in memory (they are read-only). */
export class FontLibrary {
  private readonly logger = new Logger(FontLibrary.name);
  private readonly candidates: Candidate[];
  private readonly byCodePoint = new Map<number, FontFace | null>();

  constructor(dirs: string[]) {
    const find = (file: string) => dirs.map((d) => join(d, file)).find((p) => existsSync(p));
    this.candidates = CATALOGUE.flatMap((c) => {
      const regularPath = find(c.regular);
      return regularPath ? [{ name: c.name, regularPath, boldPath: c.bold && find(c.bold) }] : [];
    });
    if (this.candidates.length === 0) {
      this.logger.warn(`no Unicode font found in ${dirs.join(', ')}: non-Latin names will not render`);
    }
  }

  /** Names of the faces available, for the health of the installation and the docs. */
  available(): string[] {
    return this.candidates.map((c) => c.name);
  }

  /** The preferred face that has a glyph for this character, or null when none has. */
  faceFor(codePoint: number): FontFace | null {
    const cached = this.byCodePoint.get(codePoint);
    if (cached !== undefined) return cached;
    let found: FontFace | null = null;
    for (const c of this.candidates) {
      const face = this.load(c);
      if (face.regular.hasGlyphForCodePoint(codePoint)) {
        found = face;
        break;
      }
    }
    this.byCodePoint.set(codePoint, found);
    return found;
  }

  /** Any Unicode face, for characters no face covers (they show as a missing-glyph box, never as wrong text). */
  fallback(): FontFace | null {
    const last = this.candidates.at(-1);
    return last ? this.load(last) : null;
  }

  private load(c: Candidate): FontFace {
    if (!c.face) {
      const regular = fontkit.create(readFileSync(c.regularPath));
      c.face = {
        name: c.name,
        regular,
        bold: c.boldPath ? fontkit.create(readFileSync(c.boldPath)) : regular,
      };
    }
    return c.face;
  }
}
