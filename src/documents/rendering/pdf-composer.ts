import PDFDocument from 'pdfkit';
import { FontFace, FontLibrary } from './fonts';
import { splitRuns, TextRun } from './text-runs';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
}

export interface TableColumn {
  header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  share: number;
}

const STANDARD = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
const LINE_GAP = 1.25;

/**
 * The small layout vocabulary templates write with: titles, labelled fields, paragraphs and tables that flow
 * over pages. Every text goes through one path that picks standard or embedded fonts per run and lays out
 * right-to-left words visually, so a name in any script renders, and extracts, correctly.
 */
export class PdfComposer {
  y: number;
  private readonly registered = new Set<string>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontLibrary,
    readonly frame: { top: number; bottom: number; left: number; right: number },
  ) {
    this.y = frame.top;
  }

  static create(fonts: FontLibrary, info: PDFKit.DocumentInfo): PdfComposer {
    const margins = { top: 120, bottom: 60, left: 50, right: 50 };
    const doc = new PDFDocument({ size: 'A4', margins, bufferPages: true, info, autoFirstPage: true });
    return new PdfComposer(doc, fonts, {
      top: margins.top,
      bottom: doc.page.height - margins.bottom,
      left: margins.left,
      right: doc.page.width - margins.right,
    });
  }

  get width(): number {
    return this.frame.right - this.frame.left;
  }

  // ---- flowing content -------------------------------------------------------------------------------------

  title(text: string): void {
    this.block(text, { size: 15, bold: true });
    this.gap(4);
  }

  heading(text: string): void {
    this.gap(8);
    this.ensureSpace(30);
    this.block(text, { size: 11.5, bold: true });
    const y = this.y + 1;
    this.doc
      .moveTo(this.frame.left, y)
      .lineTo(this.frame.right, y)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    this.gap(5);
  }

  /** A label and its value on one row; an empty value prints a dash so a blank is never mistaken for "none". */
  field(label: string, value: string | number | null | undefined): void {
    const labelWidth = this.width * 0.34;
    const text = value === null || value === undefined || value === '' ? '—' : String(value);
    const lines = this.wrap(text, this.width - labelWidth, { size: 10 });
    const height = lines.length * this.lineHeight(10) + 2;
    this.ensureSpace(height);
    this.line(label, this.frame.left, this.y, { size: 9.5, bold: true, color: '#333333' });
    lines.forEach((l, i) =>
      this.line(l, this.frame.left + labelWidth, this.y + i * this.lineHeight(10), { size: 10 }),
    );
    this.y += height;
  }

  paragraph(text: string, style: TextStyle = {}): void {
    this.block(text, { size: 10, ...style });
    this.gap(3);
  }

  table(columns: TableColumn[], rows: Array<Array<string | number | null>>): void {
    const size = 9;
    const widths = columns.map((c) => c.share * this.width);
    const drawRow = (cells: string[], style: TextStyle) => {
      const wrapped = cells.map((c, i) => this.wrap(c, widths[i] - 6, style));
      const height = Math.max(...wrapped.map((w) => w.length)) * this.lineHeight(size) + 4;
      return { wrapped, height };
    };
    const header = drawRow(
      columns.map((c) => c.header),
      { size, bold: true },
    );
    const paintHeader = () => {
      this.paintRow(header.wrapped, widths, { size, bold: true });
      this.y += header.height;
    };
    this.ensureSpace(header.height * 2);
    paintHeader();
    for (const row of rows) {
      const cells = row.map((c) => (c === null || c === undefined || c === '' ? '—' : String(c)));
      const r = drawRow(cells, { size });
      if (this.y + r.height > this.frame.bottom) {
        this.newPage();
        paintHeader();
      }
      this.paintRow(r.wrapped, widths, { size });
      this.y += r.height;
    }
    this.gap(4);
  }

  gap(points: number): void {
    this.y += points;
  }

  ensureSpace(height: number): void {
    if (this.y + height > this.frame.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.frame.top;
  }

  // ---- single lines at a position (headers, footers) --------------------------------------------------------

  /** Draws one line of text at (x, y) without wrapping; returns its width. */
  line(text: string, x: number, y: number, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    this.doc.fillColor(style.color ?? '#000000');
    // Every font sits on one shared baseline; scripts with tall ascenders would otherwise drop below the row.
    const baseline = y + size * 0.9;
    const at = { lineBreak: false, baseline: 'alphabetic' as const };
    let cx = x;
    for (const run of this.runs(text)) {
      this.useFont(run.face, style.bold ?? false, size);
      if (!run.rtl) {
        this.doc.text(run.text, cx, baseline, at);
        cx += this.doc.widthOfString(run.text);
        continue;
      }
      // fontkit shapes each word and orders its glyphs right to left; the words themselves are placed here,
      // right to left, so the page reads correctly and text extraction returns them in logical order.
      const words = run.text.split(' ');
      const space = this.doc.widthOfString(' ');
      const total = words.reduce((sum, w) => sum + this.doc.widthOfString(w), 0) + space * (words.length - 1);
      let wx = cx + total;
      for (const w of words) {
        const ww = this.doc.widthOfString(w);
        wx -= ww;
        if (w) this.doc.text(w, wx, baseline, at);
        wx -= space;
      }
      cx += total;
    }
    return cx - x;
  }

  measure(text: string, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    return this.runs(text).reduce((sum, run) => {
      this.useFont(run.face, style.bold ?? false, size);
      return sum + this.doc.widthOfString(run.text);
    }, 0);
  }

  lineHeight(size: number): number {
    return size * LINE_GAP;
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  private block(text: string, style: TextStyle): void {
    const size = style.size ?? 10;
    for (const l of this.wrap(text, this.width, style)) {
      this.ensureSpace(this.lineHeight(size));
      this.line(l, this.frame.left, this.y, style);
      this.y += this.lineHeight(size);
    }
  }

  private paintRow(cells: string[][], widths: number[], style: TextStyle): void {
    const size = style.size ?? 9;
    let x = this.frame.left;
    cells.forEach((lines, i) => {
      lines.forEach((l, j) => this.line(l, x + 3, this.y + 2 + j * this.lineHeight(size), style));
      x += widths[i];
    });
    this.doc
      .moveTo(this.frame.left, this.y)
      .lineTo(this.frame.right, this.y)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke();
  }

  /** Greedy word wrap measured with the real fonts; a word longer than the width is cut. */
  private wrap(text: string, width: number, style: TextStyle): string[] {
    // Most values fit on one line: one measurement instead of one per word.
    if (!text.includes('\n') && this.measure(text, style) <= width) return [text];
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let current = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = current ? `${current} ${word}` : word;
        if (this.measure(candidate, style) <= width || !current) {
          current = candidate;
        } else {
          out.push(current);
          current = word;
        }
      }
      out.push(current);
    }
    return out;
  }

  private runs(text: string): TextRun[] {
    return splitRuns(text, (cp) => this.fonts.faceFor(cp), this.fonts.fallback());
  }

  private useFont(face: FontFace | null, bold: boolean, size: number): void {
    if (!face) {
      this.doc.font(bold ? STANDARD.bold : STANDARD.regular).fontSize(size);
      return;
    }
    const name = bold ? `${face.name}-Bold` : face.name;
    if (!this.registered.has(name)) {
      // pdfkit takes an already parsed fontkit font (typed as bytes only).
      this.doc.registerFont(name, (bold ? face.bold : face.regular) as unknown as Buffer);
      this.registered.add(name);
    }
    this.doc.font(name).fontSize(size);
  }
}
