import type { Response } from 'superagent';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'mcm-pdf-'));
  const path = join(dir, 'doc.pdf');
  writeFileSync(path, pdf);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text poppler extracts, as a reader's PDF tool would. */
export const pdfText = (pdf: Buffer): string =>
  withFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));

/** qpdf's structural check: exit code 0 means no syntax or stream errors. */
export const qpdfCheck = (pdf: Buffer): { ok: boolean; output: string } =>
  withFile(pdf, (path) => {
    const r = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  });

/** Supertest's parser for binary answers. */
export const binaryParser = (res: Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The QR codes on the first page, decoded as a phone would (pdftoppm renders, zbarimg reads). */
export const qrCodes = (pdf: Buffer): string[] =>
  withFile(pdf, (path) => {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', path, `${path}-p1`]);
    const r = spawnSync('zbarimg', ['-q', '--raw', `${path}-p1.png`], { encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean);
  });
