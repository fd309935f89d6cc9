import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DocumentsWorker } from '../../src/documents/jobs/documents.worker';
import { DOCUMENTS_QUEUE } from '../../src/documents/jobs/render-document.job';
import { DocumentTypeRegistry } from '../../src/documents/types/document-type.registry';
import { OutboxQueues } from '../../src/outbox/outbox-queues';
import { bearer } from '../factories';
import { requestTestSheet, testSheetType, waitForDocument } from '../factories/documents';
import { createTestApp, TestApp } from '../support/test-app';

/** What BullMQ's stalled-job check writes on a job that stalled more than maxStalledCount times. */
const STALLED_LIMIT = 'job stalled more than allowable limit';

/**
 * A document the queue will never finish (its job failed for stalling, or Redis lost it) stays PENDING or
 * RENDERING; the retry endpoint takes it back once it has been left alone for DOCUMENT_STUCK_AFTER_SECONDS with
 * no live job, and refuses one still being worked on. The worker runs in this process, started by the tests
 * that want it, so that a job can be looked at (or lost) before anything takes it.
 */
describe('stuck documents', () => {
  let t: TestApp;
  let queue: Queue;
  let worker: DocumentsWorker;
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });

  const requestDocument = () => requestTestSheet(t.http, t.adminToken, t.demoCentreId);
  /** Waits until the outbox has sent the job to Redis; its state there. */
  const jobInQueue = async (jobId: string): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await queue.getJobState(jobId);
      if (state !== 'unknown') return state;
      if (Date.now() > deadline) throw new Error(`job ${jobId} never reached the queue`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** As a dead worker or a lost job leaves a document: in `status`, unchanged for an hour. */
  const leftAlone = (id: string, status: 'PENDING' | 'RENDERING') =>
    t.db.query(
      `UPDATE documents SET status = $2, attempts = attempts + $3, updated_at = now() - interval '1 hour'
       WHERE id = $1`,
      [id, status, status === 'RENDERING' ? 1 : 0],
    );
  const row = async (id: string) =>
    (
      await t.db.query(`SELECT status, generation, attempts, version FROM documents WHERE id = $1`, [id])
    )[0] as { status: string; generation: number; attempts: number; version: number };
  const audits = (id: string, action: string): Promise<{ details: Record<string, unknown> }[]> =>
    t.db.query(`SELECT details FROM audit_events WHERE entity_id = $1 AND action = $2 ORDER BY seq`, [
      id,
      action,
    ]);
  const outboxRows = async (jobId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = $1`, [jobId]))[0].n;
  const retry = (id: string) => t.http.post(`/api/v1/documents/${id}/retry`).set(bearer(t.adminToken));

  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKERS: 'false', DOCUMENT_STUCK_AFTER_SECONDS: '60' });
    t.app.get(DocumentTypeRegistry).register(testSheetType);
    queue = t.app.get(OutboxQueues).get(DOCUMENTS_QUEUE)!;
    worker = t.app.get(DocumentsWorker);
  });
  afterEach(() => worker.beforeApplicationShutdown());
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  it('retries a RENDERING document whose job Redis lost, unchanged for longer than the limit: it becomes READY', async () => {
    const id = await requestDocument();
    await jobInQueue(id);
    await queue.remove(id);
    await leftAlone(id, 'RENDERING');

    const res = await retry(id);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id, status: 'PENDING' });
    expect(await row(id)).toMatchObject({ status: 'PENDING', generation: 2 });
    expect(await audits(id, 'document.retry')).toEqual([
      {
        details: {
          type: 'test-sheet',
          generation: 2,
          previousStatus: 'RENDERING',
          jobState: 'unknown',
        },
      },
    ]);
    expect(await outboxRows(`${id}.r2`)).toBe(1);

    worker.start();
    const ready = await waitForDocument(t.http, t.adminToken, id);
    expect(ready.attempts).toBe(2);
    expect(await audits(id, 'document.ready')).toHaveLength(1);

    const again = await retry(id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DOCUMENT_NOT_RETRYABLE');
    expect(again.body.details).toContainEqual({ field: 'status', message: 'is READY' });
  });

  it('marks FAILED a document whose job BullMQ failed for stalling too often (processor never called); a retry renders it', async () => {
    const id = await requestDocument();
    expect(await jobInQueue(id)).toBe('waiting');
    // The worker that held it died (RENDERING), and the stalled check gave up on the job.
    await leftAlone(id, 'RENDERING');
    await redis.hset(`${t.queuePrefix}:${DOCUMENTS_QUEUE}:${id}`, 'defa', STALLED_LIMIT);

    worker.start();
    const failed = await waitForDocument(t.http, t.adminToken, id, ['FAILED']);
    expect(failed.lastError).toBe(STALLED_LIMIT);
    expect(failed.attempts).toBe(1); // the processor did not run
    expect(await queue.getJobState(id)).toBe('failed');
    expect(await audits(id, 'document.failed')).toEqual([
      { details: { centreId: t.demoCentreId, type: 'test-sheet', error: STALLED_LIMIT } },
    ]);

    const res = await retry(id);
    expect(res.status).toBe(202);
    const ready = await waitForDocument(t.http, t.adminToken, id);
    expect(ready.lastError).toBeNull();
    expect(await audits(id, 'document.retry')).toEqual([
      { details: { type: 'test-sheet', generation: 2, previousStatus: 'FAILED' } },
    ]);
  });

  it('retries a RENDERING document whose job failed in the queue without the document being marked', async () => {
    const id = await requestDocument();
    await jobInQueue(id);
    await redis.hset(`${t.queuePrefix}:${DOCUMENTS_QUEUE}:${id}`, 'defa', STALLED_LIMIT);
    worker.start();
    await waitForDocument(t.http, t.adminToken, id, ['FAILED']);
    await worker.beforeApplicationShutdown();
    // As if the worker had died between BullMQ failing the job and the document being marked.
    await leftAlone(id, 'RENDERING');
    expect(await queue.getJobState(id)).toBe('failed');

    const res = await retry(id);
    expect(res.status).toBe(202);
    expect((await audits(id, 'document.retry'))[0].details).toMatchObject({
      previousStatus: 'RENDERING',
      jobState: 'failed',
    });
    worker.start();
    await waitForDocument(t.http, t.adminToken, id);
  });

  it('refuses a PENDING document whose job is waiting in the queue, however old: 409, nothing changed', async () => {
    const id = await requestDocument();
    expect(await jobInQueue(id)).toBe('waiting');
    await leftAlone(id, 'PENDING');
    const before = await row(id);

    const res = await retry(id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DOCUMENT_NOT_RETRYABLE');
    expect(res.body.message).toMatch(/PENDING.*job is waiting/);
    expect(res.body.details).toEqual([
      { field: 'status', message: 'is PENDING' },
      { field: 'job', code: 'waiting', message: 'the queue job is waiting' },
    ]);
    expect(await row(id)).toEqual(before);
    expect(await audits(id, 'document.retry')).toEqual([]);
    expect(await outboxRows(`${id}.r2`)).toBe(0);

    // The worker was only away: the job it finds is the document's own.
    worker.start();
    expect((await waitForDocument(t.http, t.adminToken, id)).attempts).toBe(1);
  });

  it('refuses a document without a job while it changed within DOCUMENT_STUCK_AFTER_SECONDS, then takes it', async () => {
    const id = await requestDocument();
    await jobInQueue(id);
    await queue.remove(id);

    const early = await retry(id);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('DOCUMENT_NOT_RETRYABLE');
    expect(early.body.details).toContainEqual({
      field: 'updatedAt',
      code: 'RECENTLY_CHANGED',
      message: expect.stringMatching(/^changed at .+; retryable from .+ if it is still not done$/),
    });
    expect((await row(id)).generation).toBe(1);

    await leftAlone(id, 'PENDING');
    expect((await retry(id)).status).toBe(202);
    worker.start();
    await waitForDocument(t.http, t.adminToken, id);
  });

  it('of two retries at once, one is accepted and the document is queued once', async () => {
    const id = await requestDocument();
    await jobInQueue(id);
    await queue.remove(id);
    await leftAlone(id, 'RENDERING');
    const { version } = await row(id);

    const answers = await Promise.all([retry(id), retry(id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    // The second waited for the first's row lock, then found the document just re-queued.
    const refused = answers.find((a) => a.status === 409)!.body;
    expect(refused.code).toBe('DOCUMENT_NOT_RETRYABLE');
    expect(refused.details).toContainEqual(expect.objectContaining({ code: 'RECENTLY_CHANGED' }));
    expect(await row(id)).toMatchObject({ status: 'PENDING', generation: 2, version: version + 1 });
    expect(await outboxRows(`${id}.r2`)).toBe(1);
    expect(await outboxRows(`${id}.r3`)).toBe(0);
    expect(await audits(id, 'document.retry')).toHaveLength(1);

    worker.start();
    await waitForDocument(t.http, t.adminToken, id);
    expect(await audits(id, 'document.ready')).toHaveLength(1);
  });

  it('retries a FAILED document at once, and the job of its older generation does nothing', async () => {
    const id = await requestDocument();
    expect(await jobInQueue(id)).toBe('waiting');
    await t.db.query(`UPDATE documents SET status = 'FAILED', last_error = 'render failed' WHERE id = $1`, [
      id,
    ]);

    const res = await retry(id);
    expect(res.status).toBe(202);
    worker.start();
    const ready = await waitForDocument(t.http, t.adminToken, id);
    // The first generation's job, still waiting, was skipped: one claim, one render.
    expect(ready.attempts).toBe(1);
    expect(await audits(id, 'document.ready')).toHaveLength(1);
  });

  it('refuses a revoked document, FAILED or stuck: it must not come back READY', async () => {
    for (const status of ['FAILED', 'RENDERING'] as const) {
      const id = await requestDocument();
      await jobInQueue(id);
      await queue.remove(id);
      await t.db.query(
        `UPDATE documents SET status = $2, updated_at = now() - interval '1 hour',
           revoked_at = now(), revoked_reason = 'transfer rejected' WHERE id = $1`,
        [id, status],
      );
      const res = await retry(id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DOCUMENT_NOT_RETRYABLE');
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'revokedAt' })]),
      );
      expect(await audits(id, 'document.retry')).toHaveLength(0);
    }
  });
});
