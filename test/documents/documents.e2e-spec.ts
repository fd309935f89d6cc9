import { Role } from '../../src/auth/role.enum';
import { DocumentRenderingService } from '../../src/documents/document-rendering.service';
import { DocumentTypeRegistry } from '../../src/documents/types/document-type.registry';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { failingSubjects, testSheetNames, testSheetType, waitForDocument } from '../factories/documents';
import { binaryParser, pdfText, qpdfCheck, qrCodes } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';
import { names } from '../support/names';

const ARABIC = names.script.SY[1][1]; // فاطمة العلي
const CHINESE = names.script.CN[0][1];
const BENGALI_LATIN = names.script.BD[0][0];

describe('documents', () => {
  let t: TestApp;
  let centreA: { id: string; name: string };
  let centreB: { id: string; name: string };
  let officerA: TestUser;
  let auditorA: TestUser;
  let officerB: TestUser;

  const ask = (token: string, body: Record<string, unknown>, key?: string) => {
    const req = t.http.post('/api/v1/documents').set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const download = (token: string, id: string, etag?: string) => {
    const req = t.http
      .get(`/api/v1/documents/${id}/file`)
      .set(bearer(token))
      .buffer(true)
      .parse(binaryParser);
    if (etag) req.set('If-None-Match', etag);
    return req;
  };
  const countDocuments = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM documents`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({
      DOCUMENT_RENDER_ATTEMPTS: '2',
      DOCUMENT_RETRY_BACKOFF_MS: '50',
      DOCUMENT_VERIFY_UPLOAD_LIMIT: '512kb',
    });
    t.app.get(DocumentTypeRegistry).register(testSheetType);
    centreA = (await createCentre(t.http, t.adminToken, { name: 'Estación Migratoria Siglo XXI' })) as never;
    centreB = (await createCentre(t.http, t.adminToken, { name: 'Albergue Belén' })) as never;
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    auditorA = await createUser(t.http, t.adminToken, [Role.Auditor], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
  });
  afterAll(() => t.close());

  it('renders a requested document: valid PDF, names in any script, per-page header and footer, ETag', async () => {
    testSheetNames.set(centreA.id, `${BENGALI_LATIN} ${ARABIC}`);
    const res = await ask(officerA.token, { type: 'test-sheet', subjectId: centreA.id, language: 'en' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'PENDING' });

    const doc = await waitForDocument(t.http, officerA.token, res.body.id);
    expect(doc).toMatchObject({
      type: 'test-sheet',
      subjectType: 'centre',
      centreId: centreA.id,
      language: 'en',
    });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.number).toMatch(/^D-\d{6,}$/);
    expect(doc.pageCount).toBe(1);

    const file = await download(officerA.token, doc.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`inline; filename="test-sheet-${doc.number}.pdf"`);
    expect(file.headers.etag).toBe(`"${doc.sha256}"`);
    const pdf = file.body as Buffer;
    expect(pdf.length).toBe(doc.sizeBytes);
    expect(qpdfCheck(pdf).ok).toBe(true);

    const text = pdfText(pdf);
    expect(text).toContain('Test sheet');
    expect(text).toContain(BENGALI_LATIN);
    expect(text).toContain(ARABIC);
    expect(text).toContain('Estación Migratoria Siglo XXI');
    expect(text).toContain('2026-11-20');
    expect(text).toContain(`Document no. ${doc.number}`);
    expect(text).toContain('Page 1 of 1');
    expect(text).toMatch(/Issued \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const again = await download(officerA.token, doc.id, `"${doc.sha256}"`);
    expect(again.status).toBe(304);

    const audits = await t.db.query(
      `SELECT action, centre_id, details FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [doc.id],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual([
      'document.request',
      'document.ready',
      'document.download',
      'document.download',
    ]);
    expect(audits[3].details.notModified).toBe(true);
  });

  it('uses Spanish wording by default and embeds a Unicode font only for non-WinAnsi text', async () => {
    testSheetNames.set(centreB.id, CHINESE);
    const res = await ask(officerB.token, { type: 'test-sheet', subjectId: centreB.id });
    const doc = await waitForDocument(t.http, officerB.token, res.body.id);
    expect(doc.language).toBe('es');
    const pdf = (await download(officerB.token, doc.id)).body as Buffer;
    const text = pdfText(pdf);
    expect(text).toContain('Hoja de prueba');
    expect(text).toContain('Página 1 de 1');
    expect(text).toContain(CHINESE);
    expect(pdf.toString('latin1')).toContain('DroidSansFallback');

    testSheetNames.set(centreB.id, 'José Pérez Núñez');
    const latin = await waitForDocument(
      t.http,
      officerB.token,
      (await ask(officerB.token, { type: 'test-sheet', subjectId: centreB.id })).body.id,
    );
    const latinPdf = (await download(officerB.token, latin.id)).body as Buffer;
    expect(pdfText(latinPdf)).toContain('José Pérez Núñez');
    expect(latinPdf.toString('latin1')).not.toContain('FontFile2');
  });

  it('keeps documents to their centre: 404 outside it, lists only what the caller may see', async () => {
    const res = await ask(officerA.token, { type: 'test-sheet', subjectId: centreA.id });
    const id = res.body.id;
    await waitForDocument(t.http, officerA.token, id);
    expect((await t.http.get(`/api/v1/documents/${id}`).set(bearer(officerB.token))).status).toBe(404);
    expect((await download(officerB.token, id)).status).toBe(404);
    expect((await t.http.post(`/api/v1/documents/${id}/retry`).set(bearer(officerB.token))).status).toBe(404);
    // Asking for a document about another centre's subject looks exactly like a missing subject.
    const before = await countDocuments();
    const foreign = await ask(officerB.token, { type: 'test-sheet', subjectId: centreA.id });
    expect(foreign.status).toBe(404);
    expect(await countDocuments()).toBe(before);

    const listA = await t.http.get(`/api/v1/documents?subjectId=${centreA.id}`).set(bearer(auditorA.token));
    expect(listA.status).toBe(200);
    expect(listA.body.map((d: { id: string }) => d.id)).toContain(id);
    const listB = await t.http.get(`/api/v1/documents?subjectId=${centreA.id}`).set(bearer(officerB.token));
    expect(listB.body).toEqual([]);
    // Auditors read but do not ask for documents.
    expect((await ask(auditorA.token, { type: 'test-sheet', subjectId: centreA.id })).status).toBe(403);
  });

  it('answers bad input with 4xx and writes nothing', async () => {
    const before = await countDocuments();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ type: 'test-sheet' }, 400, 'subjectId'],
      [{ type: 'test-sheet', subjectId: 'not-a-uuid' }, 400, 'subjectId'],
      [{ type: 'test-sheet', subjectId: centreA.id, extra: 1 }, 400, 'extra'],
      [{ type: 'Test Sheet!', subjectId: centreA.id }, 400, 'type'],
      [{ type: 'test-sheet', subjectId: centreA.id, language: 'EN' }, 400, 'language'],
      [{ type: 'no-such-type', subjectId: centreA.id }, 422, 'type'],
      [{ type: 'test-sheet', subjectId: centreA.id, language: 'fr' }, 422, 'language'],
    ];
    for (const [body, status, field] of cases) {
      const res = await ask(officerA.token, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const missing = await ask(officerA.token, {
      type: 'test-sheet',
      subjectId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    expect((await t.http.get('/api/v1/documents/not-a-uuid').set(bearer(officerA.token))).status).toBe(400);
    expect((await t.http.get('/api/v1/documents').set(bearer(officerA.token))).status).toBe(400);
    expect(await countDocuments()).toBe(before);
  });

  it('makes one document per Idempotency-Key', async () => {
    const before = await countDocuments();
    const first = await ask(officerA.token, { type: 'test-sheet', subjectId: centreA.id }, 'doc-key-1');
    const second = await ask(officerA.token, { type: 'test-sheet', subjectId: centreA.id }, 'doc-key-1');
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(await countDocuments()).toBe(before + 1);
  });

  it('verifies a document by its QR signature and by its bytes; one changed byte fails', async () => {
    const res = await ask(officerA.token, { type: 'test-sheet', subjectId: centreA.id });
    const doc = await waitForDocument(t.http, officerA.token, res.body.id);
    const pdf = (await download(officerA.token, doc.id)).body as Buffer;

    // The QR code, read from the rendered page, carries the public verification URL with id and signature.
    const [qr] = qrCodes(pdf);
    const url = new URL(qr);
    expect(url.pathname).toBe('/api/v1/documents/verify');
    expect(url.searchParams.get('id')).toBe(doc.id);
    const sig = url.searchParams.get('sig')!;
    const good = await t.http.get(`/api/v1/documents/verify?id=${doc.id}&sig=${sig}`);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      valid: true,
      document: {
        id: doc.id,
        number: doc.number,
        type: 'test-sheet',
        centreName: centreA.name,
        sha256: doc.sha256,
        holder: null, // a test sheet is about a centre, not a person
      },
    });
    const forged = await t.http.get(`/api/v1/documents/verify?id=${doc.id}&sig=${sig.slice(0, -2)}AA`);
    expect(forged.body).toEqual({ valid: false, document: null });
    expect((await t.http.get(`/api/v1/documents/verify?id=x&sig=${sig}`)).status).toBe(400);

    const upload = (bytes: Buffer, type = 'application/pdf') =>
      t.http.post('/api/v1/documents/verify').set('Content-Type', type).send(bytes);
    const original = await upload(pdf);
    expect(original.status).toBe(200);
    expect(original.body).toMatchObject({ valid: true, sha256: doc.sha256, document: { id: doc.id } });

    const tampered = Buffer.from(pdf);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at] ^ 0x01;
    const altered = await upload(tampered);
    expect(altered.status).toBe(200);
    expect(altered.body).toMatchObject({ valid: false, document: null });
    expect(altered.body.sha256).not.toBe(doc.sha256);

    expect((await upload(Buffer.from('{}'), 'application/json')).status).toBe(400);
    expect((await upload(Buffer.alloc(600 * 1024, 1))).status).toBe(413);
  });

  it('fails after the last attempt with the error, and a retry renders it', async () => {
    const subject = (await createCentre(t.http, t.adminToken)) as { id: string };
    failingSubjects.add(subject.id);
    const res = await ask(t.adminToken, { type: 'test-sheet', subjectId: subject.id });
    const failed = await waitForDocument(t.http, t.adminToken, res.body.id, ['FAILED']);
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toBe('simulated render failure');
    expect((await download(t.adminToken, failed.id)).status).toBe(409);

    failingSubjects.delete(subject.id);
    const retry = await t.http.post(`/api/v1/documents/${failed.id}/retry`).set(bearer(t.adminToken));
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ id: failed.id, status: 'PENDING' });
    const ready = await waitForDocument(t.http, t.adminToken, failed.id);
    expect(ready.attempts).toBe(3);
    expect(ready.lastError).toBeNull();
    const again = await t.http.post(`/api/v1/documents/${failed.id}/retry`).set(bearer(t.adminToken));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DOCUMENT_NOT_RETRYABLE');
  });

  it('does nothing for a job of a READY document (idempotent processing)', async () => {
    const res = await ask(officerA.token, { type: 'test-sheet', subjectId: centreA.id });
    const doc = await waitForDocument(t.http, officerA.token, res.body.id);
    const outcome = await t.app.get(DocumentRenderingService).process(doc.id, 1, { lastAttempt: true });
    expect(outcome).toBe('skipped');
    const after = await waitForDocument(t.http, officerA.token, doc.id);
    expect(after.sha256).toBe(doc.sha256);
    expect(after.attempts).toBe(1);
    const [outbox] = await t.db.query(
      `SELECT count(*)::int AS n, count(dispatched_at)::int AS sent FROM outbox WHERE job_id = $1`,
      [doc.id],
    );
    expect(outbox).toEqual({ n: 1, sent: 1 });
  });

  it('lists the registered types with their languages', async () => {
    const res = await t.http.get('/api/v1/documents/types').set(bearer(auditorA.token));
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ type: 'test-sheet', subjectType: 'centre', languages: ['es', 'en'] });
  });
});
