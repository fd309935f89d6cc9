import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../src/audit/audit-chain';
import { Role } from '../../src/auth/role.enum';
import { bearer, centreInput, createUser } from '../factories';
import { expectErrorShape, rowCounts } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (token: string, key: string | undefined, body: object) => {
    const req = t.http.post('/api/v1/centres').set(bearer(token));
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const centresWithCode = async (code: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM centres WHERE code = $1`, [code]))[0].n as number;

  it('the same key and body twice: one record, the first answer replayed', async () => {
    const key = randomUUID();
    const body = centreInput();
    const first = await post(t.adminToken, key, body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const again = await post(t.adminToken, key, body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.text).toBe(first.text);
    expect(await centresWithCode(body.code)).toBe(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`, [
      first.body.id,
    ]);
    expect(n).toBe(1);
  });

  it('the same key with another body answers 422 and writes nothing', async () => {
    const key = randomUUID();
    const body = centreInput();
    expect((await post(t.adminToken, key, body)).status).toBe(201);
    const before = await rowCounts(t.db);
    const other = centreInput();
    const res = await post(t.adminToken, key, other);
    expectErrorShape(res, 422);
    expect(res.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: [{ field: 'Idempotency-Key' }],
    });
    expect(await centresWithCode(other.code)).toBe(0);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with spaces', 'has spaces'],
    ['non-ASCII', 'clé-ñ'],
  ])('an invalid key (%s) answers 400 and writes nothing', async (_, key) => {
    const before = await rowCounts(t.db);
    const res = await post(t.adminToken, key, centreInput());
    expectErrorShape(res, 400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('keys are per user: another user with the same key creates a new record', async () => {
    const other = await createUser(t.http, t.adminToken, [Role.Admin], []);
    const key = randomUUID();
    const first = await post(t.adminToken, key, centreInput({ code: 'IDEM-A' }));
    const second = await post(other.token, key, centreInput({ code: 'IDEM-B' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers['idempotency-replayed']).toBeUndefined();
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('keys are per route: the same key on another route is a new request', async () => {
    const key = randomUUID();
    expect((await post(t.adminToken, key, centreInput())).status).toBe(201);
    const res = await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .set('Idempotency-Key', key)
      .send({
        email: `idem-${key}@example.org`,
        displayName: 'Idem',
        password: 'a-long-enough-password',
        roles: [Role.Auditor],
        centreIds: [],
      });
    expect(res.status).toBe(201);
    expect(res.headers['idempotency-replayed']).toBeUndefined();
  });

  it('a failed request (400) frees the key; so does a refused one (409)', async () => {
    const key = randomUUID();
    const bad = await post(t.adminToken, key, { ...centreInput(), capacity: -1 });
    expectErrorShape(bad, 400);
    const good = centreInput();
    const res = await post(t.adminToken, key, good);
    expect(res.status).toBe(201);
    expect(res.headers['idempotency-replayed']).toBeUndefined();

    const key2 = randomUUID();
    const taken = await post(t.adminToken, key2, centreInput({ code: good.code }));
    expectErrorShape(taken, 409);
    expect((await post(t.adminToken, key2, centreInput())).status).toBe(201);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE status_code IS NULL`,
    );
    expect(n).toBe(0);
  });

  it('concurrent retries with one key create one record', async () => {
    const key = randomUUID();
    const body = centreInput();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(t.adminToken, key, body)));
    expect(await centresWithCode(body.code)).toBe(1);
    for (const r of answers) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
  });

  it('an expired key is a new request', async () => {
    const key = randomUUID();
    const body = centreInput();
    expect((await post(t.adminToken, key, body)).status).toBe(201);
    await t.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    const res = await post(t.adminToken, key, { ...body, code: `${body.code}X`.slice(0, 20) });
    expect(res.status).toBe(201);
    expect(res.headers['idempotency-replayed']).toBeUndefined();
    // Expired keys of the user are purged as they go, not kept for ever.
    const stale = randomUUID();
    expect((await post(t.adminToken, stale, centreInput())).status).toBe(201);
    await t.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      stale,
    ]);
    expect((await post(t.adminToken, randomUUID(), centreInput())).status).toBe(201);
    expect(await t.db.query(`SELECT key FROM idempotency_keys WHERE key = $1`, [stale])).toEqual([]);
  });

  it('a reservation abandoned by a crashed request is freed after two minutes', async () => {
    const key = randomUUID();
    const me = (await t.http.get('/api/v1/auth/me').set(bearer(t.adminToken))).body;
    const body = centreInput();
    // What a process that died mid-request leaves behind: a reservation without an answer.
    await t.db.query(
      `INSERT INTO idempotency_keys (user_id, route, key, request_hash, expires_at, created_at)
       VALUES ($1, 'POST /api/v1/centres', $2, $3, now() + interval '1 day', now() - interval '3 minutes')`,
      [me.id, key, createHash('sha256').update(canonicalJson(body)).digest('hex')],
    );
    const res = await post(t.adminToken, key, body);
    expect(res.status).toBe(201);
    expect(await centresWithCode(body.code)).toBe(1);
  });

  it('a fresh reservation without an answer answers 409 in progress', async () => {
    const key = randomUUID();
    const me = (await t.http.get('/api/v1/auth/me').set(bearer(t.adminToken))).body;
    const body = centreInput();
    expect((await post(t.adminToken, key, body)).status).toBe(201);
    await t.db.query(
      `UPDATE idempotency_keys SET status_code = NULL, response = NULL WHERE key = $1 AND user_id = $2`,
      [key, me.id],
    );
    const res = await post(t.adminToken, key, body);
    expectErrorShape(res, 409);
    expect(res.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  });

  it('without a key every POST creates', async () => {
    const a = await post(t.adminToken, undefined, centreInput());
    const b = await post(t.adminToken, undefined, centreInput());
    expect([a.status, b.status]).toEqual([201, 201]);
  });
});
