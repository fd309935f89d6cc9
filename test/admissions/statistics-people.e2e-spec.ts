import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('Statistics: small groups are told by people, not admissions', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: TestUser;
  let manager: TestUser;
  let auditorElsewhere: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken, { regime: 'shelter', timeZone: 'UTC' });
    const other = await createCentre(t.http, t.adminToken, { regime: 'shelter', timeZone: 'UTC' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
    auditorElsewhere = await createUser(t.http, t.adminToken, [Role.Auditor], [other.id]);
  });
  afterAll(() => t.close());

  it('one person admitted five times is not shown as a group of five', async () => {
    // One Nepali woman, the only one: she absconds and is brought back four times (repeat arrivals).
    let stay = await admit(t.http, officer.token, centre.id, {
      person: { givenNames: 'Sita', familyNames: 'Gurung', nationalities: ['NP'] },
    });
    const personId = stay.personId;
    for (let i = 0; i < 4; i++) {
      const gone = await t.http
        .post(`/api/v1/stays/${stay.id}/exit`)
        .set(bearer(manager.token))
        .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: stay.version });
      expect(gone.status).toBe(200);
      const res = await t.http
        .post('/api/v1/admissions')
        .set(bearer(officer.token))
        .send({
          centreId: centre.id,
          personId,
          arrival: { at: new Date(Date.now() - 60_000).toISOString() },
        });
      expect(res.status).toBe(201);
      stay = res.body;
    }
    const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
    const stats = await t.http
      .get('/api/v1/statistics/admissions')
      .query({ from: day(-1), to: day(2), groupBy: 'nationality' })
      .set(bearer(auditorElsewhere.token));
    expect(stats.status).toBe(200);
    // A group of one person: it must be suppressed, not shown as "NP: 5".
    expect(stats.body.groups).not.toEqual(expect.arrayContaining([expect.objectContaining({ key: 'NP' })]));
    expect(stats.body.suppressed.groups).toBeGreaterThanOrEqual(1);
  });
});
