import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { send, together } from '../../src/common/persistence/pipeline';
import { createTestApp, TestApp } from '../support/test-app';

/** Statements sent together on a transaction's connection (common/persistence/pipeline.ts), on real PostgreSQL. */
describe('pipelined statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.query(`CREATE TABLE pipeline_probe (n int PRIMARY KEY)`);
  });
  afterAll(() => t.close());

  const probe = async (): Promise<number[]> =>
    (await t.db.query(`SELECT n FROM pipeline_probe ORDER BY n`)).map((r: { n: number }) => r.n);

  it('run in the order sent, and each answers its own rows', async () => {
    const answers = await t.db.transaction((m) =>
      together([
        send(m, `INSERT INTO pipeline_probe (n) VALUES (1) RETURNING n`),
        // Sees the row sent just before it: same transaction, and it ran first.
        send(m, `INSERT INTO pipeline_probe (n) SELECT max(n) + 1 FROM pipeline_probe RETURNING n`),
        send(m, `SELECT count(*)::int AS rows FROM pipeline_probe`),
      ]),
    );
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], [{ rows: 2 }]]);
    expect(await probe()).toEqual([1, 2]);
  });

  it("the pool's connections run in pipeline mode (without it, statements sent together wait for each other)", async () => {
    await t.db.transaction(async (m) => {
      const client = (m.queryRunner as unknown as { databaseConnection: { pipeline: boolean } })
        .databaseConnection;
      expect(client.pipeline).toBe(true);
    });
  });

  it("are sent on the transaction's own connection", async () => {
    await t.db.transaction(async (m) => {
      const [viaSend] = await send<{ pid: number }>(m, `SELECT pg_backend_pid() AS pid`);
      const [viaTypeorm] = await m.query(`SELECT pg_backend_pid() AS pid`);
      expect(viaSend.pid).toBe(viaTypeorm.pid);
    });
  });

  it('a statement made stale by a schema change fails once, then is prepared afresh on that connection', async () => {
    await t.db.query(`CREATE TABLE pipeline_stale (n int)`);
    const runner = t.db.createQueryRunner();
    const select = () => send(runner.manager, `SELECT n FROM pipeline_stale`);
    try {
      await runner.startTransaction();
      await select(); // prepared on this connection
      await runner.commitTransaction();
      await t.db.query(`ALTER TABLE pipeline_stale ALTER n TYPE text`);

      await runner.startTransaction();
      const stale = await select().catch((e: QueryFailedError & { driverError: { code: string } }) => e);
      expect((stale as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('0A000');
      await runner.rollbackTransaction();

      await runner.startTransaction();
      await expect(select()).resolves.toEqual([]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  });

  it("refuses a released runner's manager instead of writing outside its transaction", async () => {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.release();
    await expect(send(runner.manager, `SELECT 1`)).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
  });

  it('a failing statement fails the transaction with its own error, and nothing of it is written', async () => {
    const before = await probe();
    const failed = await t.db
      .transaction((m) =>
        together([
          send(m, `INSERT INTO pipeline_probe (n) VALUES (10)`),
          send(m, `INSERT INTO pipeline_probe (n) VALUES (1)`), // already there: unique violation
          send(m, `INSERT INTO pipeline_probe (n) VALUES (11)`), // refused: the transaction has aborted
        ]),
      )
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(QueryFailedError);
    expect((failed as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    expect(await probe()).toEqual(before);
  });

  it('outside a transaction it is an ordinary query', async () => {
    await expect(send(t.db.manager, `SELECT $1::int + 1 AS n`, [41])).resolves.toEqual([{ n: 42 }]);
  });
});
