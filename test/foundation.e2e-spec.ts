import { bearer, createCentre, createUser } from './factories';
import { Role } from '../src/auth/role.enum';
import { createTestApp, TestApp } from './support/test-app';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is ready', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.info.postgres.status).toBe('up');
  });

  it('an intake officer cannot create a centre; a user of centre A gets 404 for centre B', async () => {
    const a = await createCentre(t.http, t.adminToken);
    const b = await createCentre(t.http, t.adminToken);
    const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    const denied = await t.http.post('/api/v1/centres').set(bearer(officer.token)).send({ code: 'X1' });
    expect(denied.status).toBe(403);
    expect((await t.http.get(`/api/v1/centres/${a.id}`).set(bearer(officer.token))).status).toBe(200);
    const other = await t.http.get(`/api/v1/centres/${b.id}`).set(bearer(officer.token));
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
  });
});
