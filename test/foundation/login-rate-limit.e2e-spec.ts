import { LoginThrottleStorage } from '../../src/auth/login-throttle.storage';
import { expectErrorShape } from '../support/assertions';
import { ADMIN_EMAIL, createTestApp, TestApp } from '../support/test-app';

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The harness's own admin login spends the first of the three attempts.
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 in the error shape after repeated failed logins', async () => {
    const attempt = () =>
      t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: 'wrong-password' });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expectErrorShape(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Even the right password is refused until the window passes.
    const right = await t.http
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL, password: 'admin-password-for-tests' });
    expectErrorShape(right, 429);
    // The first refusal of the block is audited, with the address and the account tried; the next ones are not.
    const throttled = await t.db.query(
      `SELECT actor_id, outcome, details FROM audit_events WHERE action = 'auth.login.throttled'`,
    );
    expect(throttled).toEqual([
      {
        actor_id: null,
        outcome: 'denied',
        details: { address: expect.any(String), email: ADMIN_EMAIL, attemptsAllowed: 3, windowSeconds: 60 },
      },
    ]);
  });

  it('limits per account: another account from the same address can still log in', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'other@example.org', password: 'wrong-password' });
    expectErrorShape(res, 401);
  });

  it('does not limit authenticated routes', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${t.adminToken}` })).status,
      ).toBe(200);
    }
  });
});

describe('login rate limit while Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
    // Redis refuses: the instance counts attempts on its own (its in-memory count keeps the hits of a block
    // at the limit plus one, where the Redis count goes on rising).
    const storage = t.app.get(LoginThrottleStorage) as unknown as {
      shared: { increment: () => Promise<never> };
    };
    storage.shared.increment = () => Promise.reject(new Error('connect ECONNREFUSED'));
  });
  afterAll(() => t.close());

  it('still limits, and audits a block once, not every refused attempt', async () => {
    const attempt = () =>
      t.http.post('/api/v1/auth/login').send({ email: 'outage@example.org', password: 'wrong-password' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login.throttled'`,
    );
    expect(n).toBe(1);
  });
});

describe('login rate limit across instances', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
    // Another API instance of the same deployment: same Redis prefix, so the same count of attempts.
    second = await createTestApp({ LOGIN_RATE_LIMIT: '3', QUEUE_PREFIX: first.queuePrefix });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('counts attempts in Redis: two instances do not each grant the full allowance', async () => {
    const attempt = (t: TestApp) =>
      t.http.post('/api/v1/auth/login').send({ email: 'shared@example.org', password: 'wrong-password' });
    expect((await attempt(first)).status).toBe(401);
    expect((await attempt(second)).status).toBe(401);
    expect((await attempt(first)).status).toBe(401);
    expectErrorShape(await attempt(second), 429);
  });
});
