import { QueryRunner } from 'typeorm';
import { requestTestSheet, testSheetType, waitForDocument } from '../factories/documents';
import { DocumentTypeRegistry } from '../../src/documents/types/document-type.registry';
import { createTestApp, TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../support/worker-process';

jest.setTimeout(120_000);

/**
 * The worker as its own process (npm run start:worker): killed in the middle of a job, the job is recovered by
 * another worker and the document becomes READY exactly once; on SIGTERM it finishes the job it holds.
 */
describe('document worker process faults', () => {
  let t: TestApp;
  let workerEnv: Record<string, string>;
  const workers: WorkerProcess[] = [];
  let blocker: QueryRunner | null = null;

  const status = async (id: string): Promise<string> =>
    (await t.db.query(`SELECT status FROM documents WHERE id = $1`, [id]))[0].status;
  const waitStatus = async (id: string, wanted: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while ((await status(id)) !== wanted) {
      if (Date.now() > deadline) throw new Error(`document ${id} never ${wanted}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Holding this lock parks a worker between "RENDERING" and "READY" (it cannot store the file).
  const blockFileWrites = async () => {
    blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE document_files IN EXCLUSIVE MODE');
  };
  const unblockFileWrites = async () => {
    await blocker?.rollbackTransaction();
    await blocker?.release();
    blocker = null;
  };
  const request = () => requestTestSheet(t.http, t.adminToken, t.demoCentreId);

  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKERS: 'false', DOCUMENT_JOB_LOCK_MS: '2000' });
    t.app.get(DocumentTypeRegistry).register(testSheetType);
    workerEnv = {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(t.databaseName),
      QUEUE_PREFIX: t.queuePrefix,
      DOCUMENT_JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await unblockFileWrites();
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await t.close();
  });

  it('a worker killed during RENDERING: another recovers the job and the document is READY once', async () => {
    await blockFileWrites();
    const id = await request();
    const first = await startWorkerProcess(workerEnv);
    workers.push(first);
    await waitStatus(id, 'RENDERING');
    first.child.kill('SIGKILL');
    await first.exited;
    await unblockFileWrites();
    expect(await status(id)).toBe('RENDERING');

    const second = await startWorkerProcess(workerEnv);
    workers.push(second);
    const doc = await waitForDocument(t.http, t.adminToken, id, ['READY'], 45_000);
    // Claimed by the killed worker, then by the second (a slow machine may add a harmless extra claim).
    expect(doc.attempts).toBeGreaterThanOrEqual(2);
    const [files] = await t.db.query(`SELECT count(*)::int AS n FROM document_files WHERE document_id = $1`, [
      id,
    ]);
    expect(files.n).toBe(1);
    const ready = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'document.ready'`,
      [id],
    );
    expect(ready[0].n).toBe(1);
  });

  it('on SIGTERM a worker finishes the job it holds, then exits cleanly', async () => {
    const worker = workers.at(-1)!;
    await blockFileWrites();
    const id = await request();
    await waitStatus(id, 'RENDERING');
    worker.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(worker.child.exitCode).toBeNull(); // still finishing its job
    await unblockFileWrites();
    // Nest runs the shutdown hooks (worker.close() waits for the job), then re-raises the signal.
    expect(await worker.exited).toBe('SIGTERM');
    expect(await status(id)).toBe('READY');
  });
});
