import { randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/role.enum';
import { IdempotencyKey } from '../../src/common/idempotency/idempotency-key.entity';
import { POOL_TIMEOUT_MESSAGE } from '../../src/database/typeorm-options';
import { UsersService } from '../../src/users/users.service';
import { admissionInput, admit } from '../factories/admissions';
import { bearer, centreInput, createCentre, createUser } from '../factories';
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

  it('a reservation left by a crashed request answers 409 IDEMPOTENCY_OUTCOME_UNKNOWN after two minutes', async () => {
    const key = randomUUID();
    const body = centreInput();
    expect((await post(t.adminToken, key, body)).status).toBe(201);
    // What a process that died mid-request leaves behind: a reservation without an answer, three minutes old.
    await t.db.query(
      `UPDATE idempotency_keys SET status_code = NULL, response = NULL, created_at = now() - interval '3 minutes'
       WHERE key = $1`,
      [key],
    );
    const res = await post(t.adminToken, key, body);
    expectErrorShape(res, 409);
    expect(res.body.code).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');
    // It may have been carried out: the retry does not do it again; a new key does.
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

/** A retry never does the work twice, however its path is spelled and whatever failed after the write. */
describe('Idempotency-Key: retries that must not do the work twice', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: { id: string; token: string };
  let witness: { id: string; token: string };
  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    witness = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const depositBody = () => ({
    currency: 'USD',
    amountMinor: 5000,
    purpose: 'sent by family',
    acknowledgement: { refusedToSign: true, witnessId: witness.id },
  });
  const deposit = (path: string, key: string) =>
    t.http.post(path).set(bearer(officer.token)).set('Idempotency-Key', key).send(depositBody());
  const deposits = async (stayId: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events
         WHERE action = 'property.cash.deposit' AND details->>'stayId' = $1`,
        [stayId],
      )
    )[0].n as number;

  it.each([
    ['a trailing slash', (id: string) => `/api/v1/stays/${id}/property/cash/deposits/`],
    ['the stay id in capitals', (id: string) => `/api/v1/stays/${id.toUpperCase()}/property/cash/deposits`],
    ['a path segment in capitals', (id: string) => `/api/v1/STAYS/${id}/property/cash/deposits`],
  ])('a deposit retried with %s is replayed, not deposited twice', async (_, retryPath) => {
    const stay = await admit(t.http, officer.token, centre.id);
    const key = randomUUID();
    expect((await deposit(`/api/v1/stays/${stay.id}/property/cash/deposits`, key)).status).toBe(201);
    const retry = await deposit(retryPath(stay.id), key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body.account.balanceMinor).toBe(5000);
    expect(await deposits(stay.id)).toBe(1);
  });

  it('a path parameter of thousands of characters answers 400, not 500', async () => {
    const res = await t.http
      .post(`/api/v1/stays/${'x'.repeat(5000)}/property/cash/deposits`)
      .set(bearer(officer.token))
      .set('Idempotency-Key', randomUUID())
      .send(depositBody());
    expectErrorShape(res, 400);
  });

  it('a deposit whose answer could not be stored after it committed is not deposited again', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const path = `/api/v1/stays/${stay.id}/property/cash/deposits`;
    const key = randomUUID();
    // The deposit commits; storing its answer then meets a busy pool (503, "retry shortly").
    jest
      .spyOn(t.db.getRepository(IdempotencyKey), 'update')
      .mockRejectedValueOnce(new Error(POOL_TIMEOUT_MESSAGE));
    expect((await deposit(path, key)).status).toBe(503);
    expect(await deposits(stay.id)).toBe(1);
    // The client retries with the same key, as told: told the outcome is unknown, not deposited twice.
    const retry = await deposit(path, key);
    expectErrorShape(retry, 409);
    expect(retry.body.code).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');
    expect(await deposits(stay.id)).toBe(1);
  });

  it('a user whose read-back failed after the commit is not created again (nor refused as EMAIL_TAKEN)', async () => {
    const body = {
      email: `u-${randomUUID()}@example.org`,
      displayName: 'Retry',
      password: 'a-long-password-1',
      roles: [Role.IntakeOfficer],
      centreIds: [centre.id],
    };
    // The read-back of this user (after the commit) meets a busy pool once; other reads go through.
    const users = t.app.get(UsersService);
    const realGet = users.get.bind(users);
    let failed = false;
    jest.spyOn(users, 'get').mockImplementation(async (id: string) => {
      const user = await realGet(id);
      if (user.email !== body.email || failed) return user;
      failed = true;
      throw new Error(POOL_TIMEOUT_MESSAGE);
    });
    const key = randomUUID();
    const send = () =>
      t.http.post('/api/v1/users').set(bearer(t.adminToken)).set('Idempotency-Key', key).send(body);
    expect((await send()).status).toBe(503);
    const retry = await send();
    expectErrorShape(retry, 409);
    expect(retry.body.code).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [body.email]);
    expect(n).toBe(1);
  });

  it('a refused first request frees its key: the corrected retry runs', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const key = randomUUID();
    const refused = await t.http
      .post(`/api/v1/stays/${stay.id}/property/cash/deposits`)
      .set(bearer(officer.token))
      .set('Idempotency-Key', key)
      .send({ ...depositBody(), currency: 'XXX' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]);
    expect(n).toBe(0);
    const corrected = await deposit(`/api/v1/stays/${stay.id}/property/cash/deposits`, key);
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotency-replayed']).toBeUndefined();
    expect(await deposits(stay.id)).toBe(1);
  });

  it('concurrent retries with one key of a request that is refused never answer 500', async () => {
    const body = centreInput();
    expect((await t.http.post('/api/v1/centres').set(bearer(t.adminToken)).send(body)).status).toBe(201);
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          t.http.post('/api/v1/centres').set(bearer(t.adminToken)).set('Idempotency-Key', key).send(body),
        ),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});

/** A replay skips the handler, and with it the centre scope check: it is served only within the caller's scope. */
describe('Idempotency-Key: replays and the caller centres', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officer: { id: string; token: string };
  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
  });
  afterAll(() => t.close());

  const assign = async (changes: { centreIds: string[]; roles?: Role[] }, userId = officer.id) => {
    const user = await t.http.get(`/api/v1/users/${userId}`).set(bearer(t.adminToken));
    const res = await t.http
      .patch(`/api/v1/users/${userId}`)
      .set(bearer(t.adminToken))
      .send({ version: user.body.version, ...changes });
    expect(res.status).toBe(200);
  };

  it('is replayed while the caller keeps their centres, and refused once they lost one', async () => {
    const key = randomUUID();
    const body = admissionInput({ centreId: centreA.id });
    const admitAtA = () =>
      t.http.post('/api/v1/admissions').set(bearer(officer.token)).set('Idempotency-Key', key).send(body);
    const first = await admitAtA();
    expect(first.status).toBe(201);

    // Given another centre as well: the answer is still theirs to see.
    await assign({ centreIds: [centreA.id, centreB.id] });
    const replayed = await admitAtA();
    expect(replayed.status).toBe(201);
    expect(replayed.headers['idempotency-replayed']).toBe('true');
    expect(replayed.text).toBe(first.text);

    // Moved to centre B only: the stay at A is no longer theirs to see, and neither is its stored answer.
    await assign({ centreIds: [centreB.id] });
    const refused = await admitAtA();
    expectErrorShape(refused, 409);
    expect(refused.body.code).toBe('IDEMPOTENCY_SCOPE_CHANGED');
    expect(refused.text).not.toContain(first.body.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM stays WHERE centre_id = $1`, [
      centreA.id,
    ]);
    expect(n).toBe(1);
  });

  it('is refused to an administrator who is one no longer (an administrator has no centres to lose)', async () => {
    const both = await createUser(t.http, t.adminToken, [Role.Admin, Role.IntakeOfficer], []);
    const key = randomUUID();
    const body = admissionInput({ centreId: centreA.id });
    const admitAtA = () =>
      t.http.post('/api/v1/admissions').set(bearer(both.token)).set('Idempotency-Key', key).send(body);
    expect((await admitAtA()).status).toBe(201);
    await assign({ roles: [Role.IntakeOfficer], centreIds: [centreB.id] }, both.id);
    const refused = await admitAtA();
    expectErrorShape(refused, 409);
    expect(refused.body.code).toBe('IDEMPOTENCY_SCOPE_CHANGED');
  });
});
