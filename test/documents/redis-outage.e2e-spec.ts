import { Queue } from 'bullmq';
import { DocumentTypeRegistry } from '../../src/documents/types/document-type.registry';
import { DOCUMENTS_QUEUE } from '../../src/documents/jobs/render-document.job';
import { bearer } from '../factories';
import { testSheetType } from '../factories/documents';
import { redisUp, startRedis, stopRedis } from '../support/redis-control';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from '../support/test-app';

/**
 * Stops the machine's real Redis, so it must run alone: `npm run test:redis-outage` (CI runs it after the
 * suite). Skipped in the ordinary run, where other test files share that Redis.
 */
const describeOutage = process.env.REDIS_OUTAGE_TESTS === '1' ? describe : describe.skip;

jest.setTimeout(120_000);

describeOutage('documents while Redis is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    await startRedis();
    t = await createTestApp();
    t.app.get(DocumentTypeRegistry).register(testSheetType);
  });
  afterAll(async () => {
    // Whatever happened above, leave Redis running for everyone else.
    await startRedis();
    await t?.close();
  });

  it('accepts 20 requests with Redis stopped; when it is back all 20 become READY, none twice', async () => {
    const ids: string[] = [];
    try {
      await stopRedis();
      for (let i = 0; i < 20; i++) {
        const started = Date.now();
        const res = await t.http
          .post('/api/v1/documents')
          .set(bearer(t.adminToken))
          .send({ type: 'test-sheet', subjectId: t.demoCentreId });
        expect(res.status).toBe(202);
        expect(Date.now() - started).toBeLessThan(2_000);
        ids.push(res.body.id);
      }
      // The dispatcher tried and kept every row.
      await new Promise((r) => setTimeout(r, 1_000));
      const [pending] = await t.db.query(
        `SELECT count(*)::int AS n, min(attempts)::int AS tried FROM outbox WHERE dispatched_at IS NULL`,
      );
      expect(pending.n).toBe(20);
      expect(pending.tried).toBeGreaterThan(0);
      expect(redisUp()).toBe(false);
      // Logins do not depend on Redis: attempts are counted per instance meanwhile.
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(login.status).toBe(200);
    } finally {
      await startRedis();
    }

    const deadline = Date.now() + 30_000;
    let ready = 0;
    while (ready < 20 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      [{ ready }] = await t.db.query(
        `SELECT count(*)::int AS ready FROM documents WHERE status = 'READY' AND id = ANY($1)`,
        [ids],
      );
    }
    expect(ready).toBe(20);

    const [once] = await t.db.query(
      `SELECT count(*)::int AS files, (SELECT max(attempts)::int FROM documents) AS attempts,
              (SELECT count(*)::int FROM audit_events WHERE action = 'document.ready') AS readies,
              (SELECT count(*)::int FROM outbox WHERE dispatched_at IS NOT NULL) AS dispatched,
              (SELECT count(*)::int FROM outbox) AS outbox
       FROM document_files`,
    );
    expect(once).toEqual({ files: 20, attempts: 1, readies: 20, dispatched: 20, outbox: 20 });

    const queue = new Queue(DOCUMENTS_QUEUE, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: t.queuePrefix,
    });
    try {
      const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      expect(counts).toEqual({ completed: 20, failed: 0, waiting: 0, active: 0, delayed: 0 });
    } finally {
      await queue.close();
    }
  });
});
