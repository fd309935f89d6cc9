import { bearer } from '../factories';
import { expectErrorShape } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

describe('health with Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: the API must still start and serve what does not need Redis.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('/health/ready answers 503 in the error shape, naming redis as down and postgres as up', async () => {
    const started = Date.now();
    const res = await t.http.get('/health/ready');
    expect(Date.now() - started).toBeLessThan(5_000);
    expectErrorShape(res, 503);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'redis', code: 'down' }),
        expect.objectContaining({ field: 'postgres', code: 'up' }),
      ]),
    );
    // A public endpoint: it names what is down, never where it was looked for (a driver's message has the host).
    expect(res.body.details.find((d: { field: string }) => d.field === 'redis').message).toBe(
      'redis is down',
    );
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{4}/);
  });

  it('/health/live still answers 200', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
  });

  it('requests that do not need Redis still work', async () => {
    expect((await t.http.get('/api/v1/centres').set(bearer(t.adminToken))).status).toBe(200);
  });
});
