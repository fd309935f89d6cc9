import QRCode from 'qrcode';
import { COMMON_WORDING } from '../../../templates/common';
import { DocumentTemplate, translator } from '../../../templates/document-template';
import { formatDateTime } from '../../../templates/format';
import { FontLibrary } from './fonts';
import { PdfComposer } from './pdf-composer';

export interface RenderRequest<ViewModel> {
  template: DocumentTemplate<ViewModel>;
  viewModel: ViewModel;
  language: string;
  documentNumber: string;
  centreName: string;
  timeZone: string;
  issuedAt: Date;
  /** Encoded in the QR code: the public verification URL with the document id and its signature. */
  verifyUrl: string;
  /** Printed under the QR code for officials without a scanner. */
  verifyBase: string;
}

export interface RenderedDocument {
  pdf: Buffer;
  pageCount: number;
}

/** Languages a template can be printed in: those with both its own and the common wording. */
export const languagesOf = (template: DocumentTemplate<unknown>): string[] =>
  Object.keys(template.wording).filter((l) => l in COMMON_WORDING);

/** Turns a template and its view model into a PDF with the header, QR code and numbered footer on every page. */
export class DocumentRenderer {
  constructor(private readonly fonts: FontLibrary) {}

  render<ViewModel>(req: RenderRequest<ViewModel>): Promise<RenderedDocument> {
    const t = translator(COMMON_WORDING[req.language], req.template.wording[req.language]);
    const title = t('title');
    const pdf = PdfComposer.create(this.fonts, {
      Title: `${title} ${req.documentNumber}`,
      Creator: 'Migrant centre management',
    });
    const done = collect(pdf.doc);

    req.template.render(pdf, req.viewModel, t);

    const issued = t('issued', { time: formatDateTime(req.issuedAt, req.timeZone)! });
    const number = t('documentNumber', { number: req.documentNumber });
    const range = pdf.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.doc.switchToPage(i);
      this.header(pdf, title, number, issued, i === range.start ? req : null, t);
      this.footer(pdf, number, req.centreName, issued, t('page', { page: i + 1, pages: range.count }));
    }
    pdf.doc.end();
    return done.then((bytes) => ({ pdf: bytes, pageCount: range.count }));
  }

  /**
   * Renders a throw-away page touching every font once, so the first real document after start does not pay
   * for loading fonts and warming the code (it matters for "READY within 2 s" right after a deploy).
   */
  async warmUp(): Promise<void> {
    const sample = 'José Ωμέγα Жанна محمد মোহাম্মদ राम ਗੁਰ ተስፋይ 王伟';
    await this.render({
      template: {
        type: 'warm-up',
        wording: { en: { title: 'Warm-up' } },
        render: (pdf) => pdf.paragraph(sample),
      },
      viewModel: {},
      language: 'en',
      documentNumber: 'D-000000',
      centreName: 'Warm-up',
      timeZone: 'UTC',
      issuedAt: new Date(),
      verifyUrl: 'http://localhost/verify',
      verifyBase: 'http://localhost/verify',
    });
  }

  private header(
    pdf: PdfComposer,
    title: string,
    number: string,
    issued: string,
    first: RenderRequest<unknown> | null,
    t: (k: string, p?: Record<string, string>) => string,
  ): void {
    const { left, right } = pdf.frame;
    pdf.line(title, left, 40, { size: 16, bold: true });
    pdf.line(number, left, 62, { size: 10 });
    pdf.line(issued, left, 76, { size: 9, color: '#444444' });
    if (first) {
      const size = 78;
      drawQr(pdf.doc, first.verifyUrl, right - size, 28, size);
      pdf.line(t('verify', { url: first.verifyBase }), left, 92, { size: 7, color: '#444444' });
    }
    pdf.doc.moveTo(left, 108).lineTo(right, 108).lineWidth(0.8).strokeColor('#000000').stroke();
  }

  private footer(pdf: PdfComposer, number: string, centre: string, issued: string, page: string): void {
    const { doc, frame } = pdf;
    // Writing below the bottom margin would make pdfkit add a page; the footer lives in the margin.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    doc
      .moveTo(frame.left, y - 6)
      .lineTo(frame.right, y - 6)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    pdf.line(`${number} · ${centre}`, frame.left, y, { size: 8 });
    pdf.line(issued, frame.left, y + 11, { size: 8, color: '#444444' });
    const pageWidth = pdf.measure(page, { size: 8 });
    pdf.line(page, frame.right - pageWidth, y, { size: 8 });
    doc.page.margins.bottom = margin;
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The QR code as vector squares: crisp at any zoom, no image to decode. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // A fixed mask skips scoring all eight (a tenth of the render time); any mask is valid for readers.
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 2 });
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + c * cell, y + r * cell, cell, cell);
    }
  }
  doc.fillColor('#000000').fill();
}
