import { EntityManager } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';
import type { DocumentTemplate } from '../../templates/document-template';
import type { DocumentTypeDefinition } from '../../src/documents/types/document-type';
import { bearer } from './index';

export interface TestSheetViewModel {
  subjectId: string;
  centreName: string;
  personName: string;
  date: string;
}

/** The person name printed on test sheets, per centre, set by the test. */
export const testSheetNames = new Map<string, string>();
/** Subjects whose rendering throws (to test retries and FAILED). */
export const failingSubjects = new Set<string>();

/** A document about a centre, registered by the tests only: exercises the registry like a module would. */
export const testSheetTemplate: DocumentTemplate<TestSheetViewModel> = {
  type: 'test-sheet',
  wording: {
    es: { title: 'Hoja de prueba', name: 'Nombre', centre: 'Centro', date: 'Fecha', line: 'Línea {n}' },
    en: { title: 'Test sheet', name: 'Name', centre: 'Centre', date: 'Date', line: 'Line {n}' },
  },
  render(pdf, vm, t) {
    if (failingSubjects.has(vm.subjectId)) throw new Error('simulated render failure');
    pdf.field(t('name'), vm.personName);
    pdf.field(t('centre'), vm.centreName);
    pdf.field(t('date'), vm.date);
  },
};

export const testSheetType: DocumentTypeDefinition<TestSheetViewModel> = {
  type: 'test-sheet',
  subjectType: 'centre',
  async locate(m: EntityManager, subjectId: string) {
    const [centre] = await m.query(`SELECT id FROM centres WHERE id = $1`, [subjectId]);
    return centre ? { centreId: centre.id, language: null } : null;
  },
  async load(m: EntityManager, subjectId: string) {
    const [centre] = await m.query(`SELECT id, name FROM centres WHERE id = $1`, [subjectId]);
    if (!centre) return null;
    return {
      subjectId,
      centreName: centre.name,
      personName: testSheetNames.get(subjectId) ?? 'Ana María López',
      date: '2026-11-20',
    };
  },
  template: testSheetTemplate,
};

export interface DocumentView {
  id: string;
  status: string;
  sha256: string | null;
  attempts: number;
  lastError: string | null;
  [k: string]: unknown;
}

/** Requests a test sheet about a centre (202) and answers the document's id. */
export async function requestTestSheet(http: TestAgent, token: string, centreId: string): Promise<string> {
  const res = await http
    .post('/api/v1/documents')
    .set(bearer(token))
    .send({ type: 'test-sheet', subjectId: centreId });
  if (res.status !== 202) throw new Error(`test sheet not requested: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** Polls GET /documents/:id until its status is one of `statuses`. */
export async function waitForDocument(
  http: TestAgent,
  token: string,
  id: string,
  statuses: string[] = ['READY'],
  timeoutMs = 15_000,
): Promise<DocumentView> {
  const deadline = Date.now() + timeoutMs;
  let last: DocumentView | undefined;
  while (Date.now() < deadline) {
    const res = await http.get(`/api/v1/documents/${id}`).set(bearer(token));
    last = res.body as DocumentView;
    if (res.status === 200 && statuses.includes(last.status)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`document ${id} not ${statuses.join('/')} in ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
