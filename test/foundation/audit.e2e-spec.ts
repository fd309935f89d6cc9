import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { verifyAuditChains } from '../../src/audit/audit-verifier';
import { contentHash, legacyEntryHash } from '../../src/audit/audit-chain';
import { APPEND_SEALED, AuditService, entryValues } from '../../src/audit/audit.service';
import { Role } from '../../src/auth/role.enum';
import { AuditSealAtCommit1795437000000 } from '../../migrations/1795437000000-AuditSealAtCommit';
import { admit } from '../factories/admissions';
import { bearer, centreInput, createCentre, createUser, TestUser } from '../factories';
import { expectErrorShape } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';
import { databaseUrl } from '../support/test-env';

const run = promisify(execFile);
// Several tests spawn `npm run audit:verify` (a ts-node start each); give them room on a busy machine.
jest.setTimeout(180_000);

describe('audit trail', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = databaseUrl(t.databaseName);
  });
  afterAll(() => t.close());

  const admin = () => bearer(t.adminToken);
  const entriesFor = (entityId: string) =>
    t.db.query(`SELECT * FROM audit_events WHERE entity_id = $1 ORDER BY chain, seq`, [entityId]);
  const me = async (token: string) => (await t.http.get('/api/v1/auth/me').set(bearer(token))).body;

  /** `npm run audit:verify` against this file's database, as an operator would run it. */
  async function verify(): Promise<{ code: number; stdout: string }> {
    try {
      const { stdout } = await run('npm', ['run', '--silent', 'audit:verify'], {
        env: { ...process.env, DATABASE_URL: url },
      });
      return { code: 0, stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: `${err.stdout}${err.stderr}` };
    }
  }

  /** Runs statements as the superuser with triggers off: the tampering an attacker with DB access could do. */
  async function asTamperer<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  /** Runs fn in a transaction of its own connection, and rolls it back. */
  async function inTransaction(fn: (c: QueryRunner) => Promise<void>): Promise<void> {
    const c = t.db.createQueryRunner();
    await c.connect();
    try {
      await c.startTransaction();
      await fn(c);
    } finally {
      await c.rollbackTransaction();
      await c.release();
    }
  }

  describe('every write leaves an entry', () => {
    it('centre create and update: who, role, centre, action, entity, request id, outcome', async () => {
      const created = await t.http.post('/api/v1/centres').set(admin()).send(centreInput());
      expect(created.status).toBe(201);
      const updated = await t.http
        .patch(`/api/v1/centres/${created.body.id}`)
        .set(admin())
        .send({ version: 1, capacity: 7 });
      expect(updated.status).toBe(200);
      const adminId = (await me(t.adminToken)).id;
      const rows = await entriesFor(created.body.id);
      expect(rows).toEqual([
        expect.objectContaining({
          chain: `centre:${created.body.id}`,
          seq: '1',
          actor_id: adminId,
          actor_role: 'admin',
          centre_id: created.body.id,
          action: 'centre.create',
          entity_type: 'centre',
          request_id: created.headers['x-request-id'],
          outcome: 'success',
        }),
        expect.objectContaining({
          seq: '2',
          action: 'centre.update',
          request_id: updated.headers['x-request-id'],
          details: { changed: ['capacity'], capacity: 7 },
        }),
      ]);
    });

    it('user create, update, deactivate and password reset; login', async () => {
      const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [t.demoCentreId]);
      const upd = await t.http
        .patch(`/api/v1/users/${u.id}`)
        .set(admin())
        .send({ version: 1, displayName: 'New' });
      const deact = await t.http
        .patch(`/api/v1/users/${u.id}`)
        .set(admin())
        .send({ version: 2, active: false });
      const reset = await t.http.post(`/api/v1/users/${u.id}/reset-password`).set(admin()).send({});
      const rows = await entriesFor(u.id);
      const adminId = (await me(t.adminToken)).id;
      expect(rows.map((r: { action: string }) => r.action)).toEqual([
        'user.create',
        'auth.login',
        'user.update',
        'user.deactivate',
        'user.reset_password',
      ]);
      expect(rows[2]).toMatchObject({
        actor_id: adminId,
        actor_role: 'admin',
        request_id: upd.headers['x-request-id'],
      });
      expect(rows[3]).toMatchObject({ request_id: deact.headers['x-request-id'], outcome: 'success' });
      expect(rows[4]).toMatchObject({
        request_id: reset.headers['x-request-id'],
        details: { generated: true },
      });
      expect(rows[1]).toMatchObject({ actor_id: u.id, actor_role: 'intake_officer', outcome: 'success' });
      expect(JSON.stringify(rows)).not.toContain(reset.body.generatedPassword);
      expect(JSON.stringify(rows)).not.toContain(u.password);
    });

    it('a role refusal (403) is recorded as denied, with the route pattern', async () => {
      const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [t.demoCentreId]);
      const res = await t.http.get(`/api/v1/users/${officer.id}`).set(bearer(officer.token));
      expect(res.status).toBe(403);
      const [row] = await t.db.query(
        `SELECT * FROM audit_events WHERE actor_id = $1 AND action = 'access.denied'`,
        [officer.id],
      );
      expect(row).toMatchObject({
        outcome: 'denied',
        actor_role: 'intake_officer',
        request_id: res.headers['x-request-id'],
        details: { method: 'GET', route: '/api/v1/users/:id' },
      });
    });

    it("reaching for another centre's records is recorded as denied in that centre's chain", async () => {
      const a = await createCentre(t.http, t.adminToken);
      const b = await createCentre(t.http, t.adminToken);
      const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
      const res = await t.http.get(`/api/v1/centres/${b.id}`).set(bearer(officer.token));
      expect(res.status).toBe(404);
      const rows = await entriesFor(b.id);
      expect(rows.map((r: { action: string }) => r.action)).toEqual([
        'centre.create',
        'centre.access_denied',
      ]);
      expect(rows[1]).toMatchObject({ actor_id: officer.id, outcome: 'denied', chain: `centre:${b.id}` });
      // A centre that does not exist leaves nothing (no chain for made-up ids).
      const unknown = '00000000-0000-4000-8000-000000000001';
      expect((await t.http.get(`/api/v1/centres/${unknown}`).set(bearer(officer.token))).status).toBe(404);
      expect(await entriesFor(unknown)).toEqual([]);
    });

    it('a refused write leaves no success entry', async () => {
      const c = await createCentre(t.http, t.adminToken);
      const stale = await t.http
        .patch(`/api/v1/centres/${c.id}`)
        .set(admin())
        .send({ version: 9, capacity: 3 });
      expect(stale.status).toBe(409);
      expect((await entriesFor(c.id)).map((r: { action: string }) => r.action)).toEqual(['centre.create']);
    });
  });

  describe('GET /audit', () => {
    let a: { id: string };
    let b: { id: string };
    let auditor: TestUser;
    beforeAll(async () => {
      a = await createCentre(t.http, t.adminToken);
      b = await createCentre(t.http, t.adminToken);
      auditor = await createUser(t.http, t.adminToken, [Role.Auditor], [a.id]);
    });

    it('filters by centre, entity, user and action', async () => {
      const byCentre = await t.http.get(`/api/v1/audit?centreId=${a.id}`).set(admin());
      expect(byCentre.status).toBe(200);
      expect(byCentre.body.length).toBeGreaterThan(0);
      expect(byCentre.body.every((e: { centreId: string }) => e.centreId === a.id)).toBe(true);

      const byEntity = await t.http.get(`/api/v1/audit?entityType=centre&entityId=${b.id}`).set(admin());
      expect(byEntity.body.map((e: { action: string }) => e.action)).toEqual(['centre.create']);
      const capitals = await t.http.get(`/api/v1/audit?entityId=${b.id.toUpperCase()}`).set(admin());
      expect(capitals.body).toEqual(byEntity.body);

      const byUser = await t.http.get(`/api/v1/audit?actorId=${auditor.id}`).set(admin());
      expect(byUser.body.length).toBeGreaterThan(0);
      expect(byUser.body.every((e: { actorId: string }) => e.actorId === auditor.id)).toBe(true);

      const byAction = await t.http.get('/api/v1/audit?action=centre.create&limit=2').set(admin());
      expect(byAction.body).toHaveLength(2);
      expect(byAction.body.every((e: { action: string }) => e.action === 'centre.create')).toBe(true);
    });

    it('reads times without a zone as UTC, whatever the server setting', async () => {
      expect(await t.db.query(`SHOW timezone`)).toEqual([{ TimeZone: 'UTC' }]);
      const future = new Date(Date.now() + 3_600_000).toISOString().replace('Z', '');
      expect((await t.http.get(`/api/v1/audit?from=${future}`).set(admin())).body).toEqual([]);
      // A date alone is its midnight, UTC.
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const byDate = await t.http.get(`/api/v1/audit?from=${tomorrow}`).set(admin());
      expect(byDate.status).toBe(200);
      expect(byDate.body).toEqual([]);
    });

    it('filters by time and answers newest first', async () => {
      const all = await t.http.get(`/api/v1/audit?limit=500`).set(admin());
      const times = all.body.map((e: { occurredAt: string }) => Date.parse(e.occurredAt));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await t.http.get(`/api/v1/audit?from=${future}`).set(admin())).body).toEqual([]);
      const past = new Date(Date.now() - 3_600_000).toISOString();
      expect((await t.http.get(`/api/v1/audit?to=${past}`).set(admin())).body).toEqual([]);
      const window = await t.http.get(`/api/v1/audit?from=${past}&to=${future}&limit=500`).set(admin());
      // Every read is itself audited: the window also holds the reads made since the first.
      const reads = window.body.filter(
        (e: { action: string; occurredAt: string }) =>
          e.action === 'audit.read' && Date.parse(e.occurredAt) > times[0],
      );
      expect(window.body.length - reads.length).toBe(all.body.length);
    });

    it('pages with limit and offset', async () => {
      // Up to now: the reads below add entries of their own (audit.read) at the newest end.
      const to = new Date().toISOString();
      const first = await t.http.get(`/api/v1/audit?limit=3&to=${to}`).set(admin());
      const second = await t.http.get(`/api/v1/audit?limit=3&offset=3&to=${to}`).set(admin());
      expect(first.body).toHaveLength(3);
      const ids = new Set(first.body.map((e: { id: string }) => e.id));
      expect(second.body.some((e: { id: string }) => ids.has(e.id))).toBe(false);
    });

    it('every read of the trail is audited (audit.read), with its filters and how many entries it showed', async () => {
      const read = await t.http.get('/api/v1/audit?action=centre.create&limit=2').set(admin());
      expect(read.status).toBe(200);
      const [entry] = await t.db.query(
        `SELECT outcome, details FROM audit_events WHERE action = 'audit.read' AND request_id = $1`,
        [read.headers['x-request-id']],
      );
      expect(entry).toEqual({
        outcome: 'success',
        details: { filters: { action: 'centre.create' }, offset: 0, limit: 2, returned: read.body.length },
      });
    });

    it('an auditor sees their centres and global events, never another centre', async () => {
      const res = await t.http.get('/api/v1/audit?limit=500').set(bearer(auditor.token));
      expect(res.status).toBe(200);
      const centres = new Set(res.body.map((e: { centreId: string | null }) => e.centreId));
      expect(centres.has(a.id)).toBe(true);
      expect(centres.has(null)).toBe(true);
      expect(centres.has(b.id)).toBe(false);
      const other = await t.http.get(`/api/v1/audit?centreId=${b.id}`).set(bearer(auditor.token));
      expect(other.body).toEqual([]);
    });
  });

  describe('append-only in the database', () => {
    it.each([
      ['UPDATE', `UPDATE audit_events SET outcome = 'denied'`],
      ['DELETE', `DELETE FROM audit_events`],
      ['TRUNCATE', `TRUNCATE audit_events`],
    ])('%s raises', async (_, sql) => {
      const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events`);
      await expect(t.db.query(sql)).rejects.toThrow(/append-only/);
      const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events`);
      expect(after).toBe(before);
    });
  });

  describe('sealed by the database at commit', () => {
    it('an entry written with its own place in the chain is refused', async () => {
      await expect(
        t.db.query(
          `INSERT INTO audit_events (chain, seq, occurred_at, action, entity_type, outcome, content_hash, prev_hash, hash)
           VALUES ('global', 999999, now(), 'forged', 'x', 'success', $1, $1, $1)`,
          ['f'.repeat(64)],
        ),
      ).rejects.toThrow(/set by the database/);
    });

    it('an application cannot seal an entry itself before commit', async () => {
      await inTransaction(async (c) => {
        await c.query(
          `INSERT INTO audit_events (chain, occurred_at, action, entity_type, outcome, content_hash)
           VALUES ('global', now(), 'test.self_seal', 'x', 'success', $1)`,
          ['e'.repeat(64)],
        );
        await expect(
          c.query(`UPDATE audit_events SET seq = 1, prev_hash = $1, hash = $1 WHERE hash IS NULL`, [
            'f'.repeat(64),
          ]),
        ).rejects.toThrow(/append-only/);
      });
    });

    it('transactions writing to two chains in opposite orders all commit, without deadlock', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.db.transaction(async (m) => {
            const [first, second] = i % 2 ? [a, b] : [b, a];
            await audit.record(m, null, { action: 'test.two_chains', entityType: 'x', centreId: first });
            // Hold the transaction open a little, so the others pile up behind nothing but the seal.
            await m.query('SELECT pg_sleep(0.01)');
            await audit.record(m, null, { action: 'test.two_chains', entityType: 'x', centreId: second });
          }),
        ),
      );
      for (const centreId of [a, b]) {
        const rows = await t.db.query(
          `SELECT seq::int AS seq FROM audit_events WHERE chain = $1 ORDER BY seq`,
          [`centre:${centreId}`],
        );
        expect(rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      }
      expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
    });

    it('an entry written in a savepoint that is rolled back leaves no trace; the others are sealed', async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      await t.db.transaction(async (m) => {
        await audit.record(m, null, { action: 'test.before', entityType: 'x', centreId });
        await m.query('SAVEPOINT inner_work');
        await audit.record(m, null, { action: 'test.undone', entityType: 'x', centreId });
        await m.query('ROLLBACK TO SAVEPOINT inner_work');
        await audit.record(m, null, { action: 'test.after', entityType: 'x', centreId });
      });
      const rows = await t.db.query(
        `SELECT seq::int AS seq, action, hash IS NOT NULL AS sealed FROM audit_events WHERE chain = $1 ORDER BY seq`,
        [`centre:${centreId}`],
      );
      expect(rows.map((r: { action: string }) => r.action).sort()).toEqual(['test.after', 'test.before']);
      expect(rows.map((r: { seq: number; sealed: boolean }) => [r.seq, r.sealed])).toEqual([
        [1, true],
        [2, true],
      ]);
      expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
    });

    it('an entry whose note was lost is still sealed by its own trigger firing', async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      await t.db.transaction(async (m) => {
        await audit.record(m, null, { action: 'test.first', entityType: 'x', centreId });
        await m.query(`SELECT set_config('audit.unsealed', '', true)`); // what a careless RESET would do
        await audit.record(m, null, { action: 'test.second', entityType: 'x', centreId });
      });
      const rows = await t.db.query(
        `SELECT seq::int AS seq, action FROM audit_events WHERE chain = $1 ORDER BY seq`,
        [`centre:${centreId}`],
      );
      expect(rows).toEqual([
        { seq: 1, action: 'test.first' },
        { seq: 2, action: 'test.second' },
      ]);
      expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
    });

    it('an admission naming its centre in capitals is chained under the centre and verifies', async () => {
      const c = await createCentre(t.http, t.adminToken);
      const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [c.id]);
      const stay = await admit(t.http, officer.token, c.id.toUpperCase());
      expect(stay.centreId).toBe(c.id);
      const rows = await t.db.query(`SELECT DISTINCT chain FROM audit_events WHERE centre_id = $1`, [c.id]);
      expect(rows).toEqual([{ chain: `centre:${c.id}` }]);
      expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
    });

    it('the migration that seals entries refuses to be reverted once entries are sealed', async () => {
      const runner = t.db.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await expect(new AuditSealAtCommit1795437000000().down(runner)).rejects.toThrow(/cannot be reverted/);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('a rolled-back transaction leaves no entry and no gap', async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      await audit.recordAlone(null, { action: 'test.kept', entityType: 'x', centreId });
      await expect(
        t.db.transaction(async (m) => {
          await audit.record(m, null, { action: 'test.rolled_back', entityType: 'x', centreId });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await audit.recordAlone(null, { action: 'test.kept', entityType: 'x', centreId });
      const rows = await t.db.query(
        `SELECT seq::int AS seq, action FROM audit_events WHERE chain = $1 ORDER BY seq`,
        [`centre:${centreId}`],
      );
      expect(rows).toEqual([
        { seq: 1, action: 'test.kept' },
        { seq: 2, action: 'test.kept' },
      ]);
    });
  });

  describe('sealed at insert when recorded on its own', () => {
    const chainRows = (centreId: string) =>
      t.db.query(`SELECT seq::int AS seq, action, hash FROM audit_events WHERE chain = $1 ORDER BY seq`, [
        `centre:${centreId}`,
      ]);
    const head = async (centreId: string) =>
      (
        await t.db.query(`SELECT seq::int AS seq, hash FROM audit_chain_heads WHERE chain = $1`, [
          `centre:${centreId}`,
        ])
      )[0];
    /** audit_append_sealed's arguments for a bare entry, as recordAlone builds them. */
    const sealedArgs = (centreId: string, action: string) =>
      entryValues(null, { action, entityType: 'x', centreId }, null);

    it('audit_append_sealed gives the entry its place as it is inserted, before its commit', async () => {
      const centreId = randomUUID();
      await inTransaction(async (c) => {
        await c.query(APPEND_SEALED, sealedArgs(centreId, 'test.sealed_at_insert'));
        const [row] = await c.query(
          `SELECT e.seq::int AS seq, e.prev_hash = repeat('0', 64) AS from_genesis, e.hash = h.hash AS at_head,
                  h.seq::int AS head_seq, current_setting('audit.seal_at_insert', true) AS setting
           FROM audit_events e JOIN audit_chain_heads h ON h.chain = e.chain WHERE e.chain = $1`,
          [`centre:${centreId}`],
        );
        // Sealed and the head moved, inside the open transaction; the setting ended with the function.
        expect(row).toEqual({ seq: 1, from_genesis: true, at_head: true, head_seq: 1, setting: '' });
      });
      expect(await chainRows(centreId)).toEqual([]); // rolled back: no entry
    });

    it('recordAlone appends through audit_append_sealed, and waits for the chain head like any seal', async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      await audit.recordAlone(null, { action: 'test.first', entityType: 'x', centreId });
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      let recorded: Promise<unknown> | undefined;
      try {
        await holder.query(`SELECT 1 FROM audit_chain_heads WHERE chain = $1 FOR UPDATE`, [
          `centre:${centreId}`,
        ]);
        const [{ pid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
        const pending = audit.recordAlone(null, { action: 'test.second', entityType: 'x', centreId });
        recorded = pending.catch((e: unknown) => e); // awaited below; no unhandled rejection meanwhile
        // The statement waiting for the head is the function's: the entry is being sealed as it is inserted.
        let waiting: { query: string }[] = [];
        for (let i = 0; i < 300 && !waiting.length; i++) {
          await new Promise((r) => setTimeout(r, 50));
          waiting = await t.db.query(
            `SELECT query FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [pid],
          );
        }
        expect(waiting.map((w) => w.query.trim().split('(')[0])).toEqual(['SELECT audit_append_sealed']);
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      expect(await recorded).toBeUndefined();
      expect(
        (await chainRows(centreId)).map((r: { seq: number; action: string }) => [r.seq, r.action]),
      ).toEqual([
        [1, 'test.first'],
        [2, 'test.second'],
      ]);
    });

    it('the seal at commit is queued only for entries still unsealed', async () => {
      const [{ def }] = await t.db.query(
        `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgname = 'audit_events_seal'`,
      );
      expect(def).toContain('WHEN ((new.hash IS NULL))');
    });

    it('entries recorded alone and entries sealed at commit across two chains, racing, make two unbroken chains', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2
            ? audit.recordAlone(null, {
                action: 'test.alone',
                entityType: 'x',
                centreId: i % 4 === 1 ? a : b,
              })
            : t.db.transaction(async (m) => {
                const [first, second] = i % 4 ? [a, b] : [b, a];
                await audit.record(m, null, { action: 'test.in_tx', entityType: 'x', centreId: first });
                // Held open, so entries recorded alone take their places while this one waits for its commit.
                await m.query('SELECT pg_sleep(0.005)');
                await audit.record(m, null, { action: 'test.in_tx', entityType: 'x', centreId: second });
              }),
        ),
      );
      for (const centreId of [a, b]) {
        const rows = await chainRows(centreId);
        expect(rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        expect(rows.filter((r: { action: string }) => r.action === 'test.alone')).toHaveLength(10);
        expect((await head(centreId)).seq).toBe(30);
      }
      expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
      expect((await verify()).code).toBe(0);
    });

    it("an entry sealed at insert must be its transaction's first write, and nothing audited may follow it", async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      // After another write: it would hold the chain head until a commit that may wait for other heads.
      await inTransaction(async (c) => {
        await audit.record(c.manager, null, { action: 'test.before', entityType: 'x', centreId });
        await expect(c.query(APPEND_SEALED, sealedArgs(centreId, 'test.late'))).rejects.toThrow(
          /must be its transaction's first write/,
        );
      });
      // Before another audited write: that one would take a second head while this one is held.
      await inTransaction(async (c) => {
        await c.query(APPEND_SEALED, sealedArgs(centreId, 'test.first'));
        await expect(
          audit.record(c.manager, null, { action: 'test.after', entityType: 'x', centreId: randomUUID() }),
        ).rejects.toThrow(/no entry may follow one sealed at insert/);
      });
      await inTransaction(async (c) => {
        await c.query(APPEND_SEALED, sealedArgs(centreId, 'test.first'));
        await expect(c.query(APPEND_SEALED, sealedArgs(centreId, 'test.second'))).rejects.toThrow(
          /must be its transaction's first write/,
        );
      });
      expect(await chainRows(centreId)).toEqual([]);
    });

    it('with the setting turned on by hand, an entry still cannot choose its place', async () => {
      await inTransaction(async (c) => {
        await c.query(`SET LOCAL audit.seal_at_insert = on`);
        await expect(
          c.query(
            `INSERT INTO audit_events (chain, seq, occurred_at, action, entity_type, outcome, content_hash, prev_hash, hash)
             VALUES ('global', 999999, now(), 'forged', 'x', 'success', $1, $1, $1)`,
            ['f'.repeat(64)],
          ),
        ).rejects.toThrow(/set by the database/);
      });
    });

    it('sealed at insert in a transaction that rolls back: no entry, and the head is back where it was', async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      await audit.recordAlone(null, { action: 'test.kept', entityType: 'x', centreId });
      const before = await head(centreId);
      await inTransaction(async (c) => {
        await c.query(APPEND_SEALED, sealedArgs(centreId, 'test.rolled_back'));
        expect(
          (
            await c.query(`SELECT seq::int AS seq FROM audit_chain_heads WHERE chain = $1`, [
              `centre:${centreId}`,
            ])
          )[0].seq,
        ).toBe(2);
        expect(await head(centreId)).toEqual(before); // others still see the head as it was
      });
      expect(await head(centreId)).toEqual(before);
      await audit.recordAlone(null, { action: 'test.kept', entityType: 'x', centreId });
      expect(
        (await chainRows(centreId)).map((r: { seq: number; action: string }) => [r.seq, r.action]),
      ).toEqual([
        [1, 'test.kept'],
        [2, 'test.kept'],
      ]);
      expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
    });
  });

  describe('chain', () => {
    it('30 parallel writes in one centre make one unbroken chain', async () => {
      const c = await createCentre(t.http, t.adminToken);
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          audit.recordAlone(null, {
            action: 'test.parallel',
            entityType: 'centre',
            entityId: c.id,
            centreId: c.id,
            // undefined and Date values must hash as jsonb stores them
            details: { i, skipped: undefined, at: new Date() },
          }),
        ),
      );
      // And 30 racing HTTP updates of the same version: one wins, the rest answer 409.
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          t.http
            .patch(`/api/v1/centres/${c.id}`)
            .set(admin())
            .send({ version: 1, capacity: i + 1 }),
        ),
      );
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect(answers.filter((r) => r.status === 409)).toHaveLength(29);
      const rows = await t.db.query(
        `SELECT seq::int AS seq FROM audit_events WHERE chain = $1 ORDER BY seq`,
        [`centre:${c.id}`],
      );
      expect(rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    });

    it('30 parallel first writes of a chain that does not exist yet make one unbroken chain', async () => {
      const centreId = randomUUID();
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: 30 }, () =>
          audit.recordAlone(null, { action: 'test.parallel', entityType: 'centre', centreId }),
        ),
      );
      const rows = await t.db.query(
        `SELECT seq::int AS seq FROM audit_events WHERE chain = $1 ORDER BY seq`,
        [`centre:${centreId}`],
      );
      expect(rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect((await verify()).code).toBe(0);
    });

    it('verification of a live database sees one consistent snapshot (no false breaks while writing)', async () => {
      const c = await createCentre(t.http, t.adminToken);
      const audit = t.app.get(AuditService);
      let writing = true;
      const writer = (async () => {
        while (writing)
          await audit.recordAlone(null, { action: 'test.live', entityType: 'centre', centreId: c.id });
      })();
      try {
        for (let i = 0; i < 15; i++) expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
      } finally {
        writing = false;
        await writer;
      }
    });

    it('entries of different centres go to different chains, each starting at 1', async () => {
      const c1 = await createCentre(t.http, t.adminToken);
      const c2 = await createCentre(t.http, t.adminToken);
      const [r1] = await entriesFor(c1.id);
      const [r2] = await entriesFor(c2.id);
      expect([r1.seq, r2.seq]).toEqual(['1', '1']);
      expect(r1.prev_hash).toBe('0'.repeat(64));
    });
  });

  describe('npm run audit:verify', () => {
    let victim: { id: string; chain: string; seq: string };
    let last: { id: string; chain: string; seq: string };
    beforeAll(async () => {
      const c = await createCentre(t.http, t.adminToken);
      for (const capacity of [2, 3, 4]) {
        const cur = await t.http.get(`/api/v1/centres/${c.id}`).set(admin());
        await t.http
          .patch(`/api/v1/centres/${c.id}`)
          .set(admin())
          .send({ version: cur.body.version, capacity });
      }
      const rows = await t.db.query(
        `SELECT id, chain, seq::text AS seq FROM audit_events WHERE chain = $1 ORDER BY seq`,
        [`centre:${c.id}`],
      );
      expect(rows).toHaveLength(4);
      victim = rows[1];
      last = rows[3];
    });

    it('passes on an untouched database', async () => {
      const res = await verify();
      expect(res.stdout).toMatch(/^OK: \d+ chains, \d+ entries checked/m);
      expect(res.code).toBe(0);
    });

    it('fails naming the entry after a row is edited with SQL', async () => {
      await asTamperer((c) =>
        c.query(`UPDATE audit_events SET outcome = 'denied' WHERE id = $1`, [victim.id]),
      );
      try {
        const res = await verify();
        expect(res.code).toBe(1);
        expect(res.stdout).toContain(`BROKEN chain ${victim.chain} at entry ${victim.seq} (id ${victim.id})`);
        expect(res.stdout).toMatch(/altered/);
      } finally {
        await asTamperer((c) =>
          c.query(`UPDATE audit_events SET outcome = 'success' WHERE id = $1`, [victim.id]),
        );
      }
      expect((await verify()).code).toBe(0);
    });

    it('fails when the details of a row are edited, even with the triggers disabled by DDL', async () => {
      await asTamperer(async (c) => {
        await c.query(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
        await c.query(`UPDATE audit_events SET details = details || '{"capacity": 999}' WHERE id = $1`, [
          victim.id,
        ]);
        await c.query(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
      });
      try {
        const res = await verify();
        expect(res.code).toBe(1);
        expect(res.stdout).toContain(`at entry ${victim.seq} (id ${victim.id})`);
      } finally {
        await asTamperer((c) =>
          c.query(
            `UPDATE audit_events SET details = details - 'capacity' || '{"capacity": 2}' WHERE id = $1`,
            [victim.id],
          ),
        );
      }
      expect((await verify()).code).toBe(0);
    });

    it('fails naming an entry written around the sealing trigger (no place in the chain)', async () => {
      const id = randomUUID();
      await asTamperer((c) =>
        c.query(
          `INSERT INTO audit_events (id, chain, occurred_at, action, entity_type, outcome, content_hash)
           VALUES ($1, $2, now(), 'test.unsealed', 'x', 'success', $3)`,
          [id, victim.chain, 'e'.repeat(64)],
        ),
      );
      try {
        const res = await verify();
        expect(res.code).toBe(1);
        expect(res.stdout).toContain(`BROKEN chain ${victim.chain} at entry ? (id ${id})`);
        expect(res.stdout).toMatch(/no place in the chain/);
      } finally {
        await asTamperer((c) => c.query(`DELETE FROM audit_events WHERE id = $1`, [id]));
      }
      expect((await verify()).code).toBe(0);
    });

    it('verifies entries written before sealing moved into the database by their own rule', async () => {
      const chain = `centre:${randomUUID()}`;
      const base = {
        chain,
        actorId: null,
        actorRole: null,
        centreId: chain.slice('centre:'.length),
        action: 'legacy.entry',
        entityType: 'x',
        entityId: null,
        requestId: null,
        outcome: 'success',
        details: { n: 1 },
      };
      let prevHash = '0'.repeat(64);
      const rows = [1, 2].map((seq) => {
        const e = { ...base, seq: String(seq), occurredAt: new Date(Date.UTC(2026, 0, seq)), prevHash };
        const row = { ...e, hash: legacyEntryHash(e) };
        prevHash = row.hash;
        return row;
      });
      await asTamperer(async (c) => {
        for (const r of rows) {
          await c.query(
            `INSERT INTO audit_events (chain, seq, occurred_at, centre_id, action, entity_type, outcome, details, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [
              r.chain,
              r.seq,
              r.occurredAt,
              r.centreId,
              r.action,
              r.entityType,
              r.outcome,
              r.details,
              r.prevHash,
              r.hash,
            ],
          );
        }
        await c.query(`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 2, $2)`, [
          chain,
          prevHash,
        ]);
      });
      expect((await verify()).code).toBe(0);
      // A sealed entry appended after them continues the same chain.
      await t.app
        .get(AuditService)
        .recordAlone(null, { action: 'test.after_legacy', entityType: 'x', centreId: base.centreId });
      expect((await verify()).code).toBe(0);
      await asTamperer((c) =>
        c.query(`UPDATE audit_events SET details = '{"n": 2}' WHERE chain = $1 AND seq = 1`, [chain]),
      );
      try {
        const res = await verify();
        expect(res.code).toBe(1);
        expect(res.stdout).toContain(`BROKEN chain ${chain} at entry 1`);
      } finally {
        await asTamperer((c) =>
          c.query(`UPDATE audit_events SET details = '{"n": 1}' WHERE chain = $1 AND seq = 1`, [chain]),
        );
      }
    });

    it('fails when the content hash of a sealed entry is replaced to match edited content', async () => {
      // Editing the content and recomputing its content hash still breaks the seal (hash covers the content hash).
      const [row] = await t.db.query(`SELECT * FROM audit_events WHERE id = $1`, [victim.id]);
      const forged = contentHash({
        chain: row.chain,
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        actorRole: row.actor_role,
        centreId: row.centre_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        requestId: row.request_id,
        outcome: 'denied',
        details: row.details,
      });
      await asTamperer((c) =>
        c.query(`UPDATE audit_events SET outcome = 'denied', content_hash = $2 WHERE id = $1`, [
          victim.id,
          forged,
        ]),
      );
      try {
        const res = await verify();
        expect(res.code).toBe(1);
        expect(res.stdout).toContain(`BROKEN chain ${victim.chain} at entry ${victim.seq} (id ${victim.id})`);
      } finally {
        await asTamperer((c) =>
          c.query(`UPDATE audit_events SET outcome = $2, content_hash = $3 WHERE id = $1`, [
            victim.id,
            row.outcome,
            row.content_hash,
          ]),
        );
      }
      expect((await verify()).code).toBe(0);
    });

    it.each([
      ['a middle row', () => victim, /entry (\d+) is missing/],
      ['the last row', () => last, /entries were removed/],
    ])('fails naming the place after %s is deleted', async (_, row, reason) => {
      const target = row();
      await asTamperer(async (c) => {
        await c.query(`CREATE TEMP TABLE saved AS SELECT * FROM audit_events WHERE id = $1`, [target.id]);
        await c.query(`DELETE FROM audit_events WHERE id = $1`, [target.id]);
        try {
          const res = await verify();
          expect(res.code).toBe(1);
          expect(res.stdout).toContain(`BROKEN chain ${target.chain} at entry`);
          expect(res.stdout).toMatch(reason);
          expect(res.stdout).toContain(target.seq);
        } finally {
          await c.query(`INSERT INTO audit_events SELECT * FROM saved`);
        }
      });
      expect((await verify()).code).toBe(0);
    });
  });

  it('answers 403 to roles other than auditor and admin', async () => {
    for (const role of [Role.IntakeOfficer, Role.MedicalStaff, Role.CentreManager]) {
      const u = await createUser(t.http, t.adminToken, [role], [t.demoCentreId]);
      expectErrorShape(await t.http.get('/api/v1/audit').set(bearer(u.token)), 403);
    }
  });
});
