import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('statistics never show a small group', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('groups under STATISTICS_MIN_GROUP (default 5) are only added up together', async () => {
    t = await createTestApp();
    const centre = await createCentre(t.http, t.adminToken, { regime: 'shelter', capacity: 50 });
    const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    const nationalities = [...Array(6).fill('HN'), 'GT', 'GT', 'SV'];
    for (const [i, nationality] of nationalities.entries()) {
      await admit(t.http, officer.token, centre.id, {
        person: { givenNames: `Person ${i}`, familyNames: 'Test', sex: 'F', nationalities: [nationality] },
      });
    }
    const res = await t.http
      .get('/api/v1/statistics/admissions')
      .query({
        from: new Date(Date.now() - 3600_000).toISOString(),
        to: new Date(Date.now() + 3600_000).toISOString(),
        groupBy: 'nationality',
        centreId: centre.id,
      })
      .set(bearer(officer.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 9,
      groups: [{ key: 'HN', count: 6 }],
      suppressed: { groups: 2, count: 3, minGroup: 5 },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/GT|SV/);
  });
});
