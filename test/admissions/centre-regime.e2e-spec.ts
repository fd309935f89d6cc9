import { Role } from '../../src/auth/role.enum';
import { admit, dateOfBirthForAge } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

/** A child is never placed in an adult regime: not by a screening, and not by changing the centre around them. */
describe('A centre holding children does not become an adult regime', () => {
  let t: TestApp;
  let officer: TestUser;
  let shelter: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    shelter = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [shelter.id]);
  });
  afterAll(() => t.close());

  const centre = async () =>
    (await t.http.get(`/api/v1/centres/${shelter.id}`).set(bearer(t.adminToken))).body;
  const setRegime = async (regime: string) =>
    t.http
      .patch(`/api/v1/centres/${shelter.id}`)
      .set(bearer(t.adminToken))
      .send({ regime, version: (await centre()).version });

  it('refuses custody or detention while a child is present (422, audited), and allows it once they are gone', async () => {
    const child = await admit(t.http, officer.token, shelter.id, {
      person: { dateOfBirth: dateOfBirthForAge(12) },
    });
    for (const regime of ['detention', 'custody']) {
      const refused = await setRegime(regime);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('CHILDREN_IN_ADULT_REGIME');
      expect(refused.body.details).toEqual([{ field: 'regime', message: '1 child(ren) present' }]);
    }
    expect((await centre()).regime).toBe('shelter');
    // A stale version is a stale version (409), whatever the change would break.
    const stale = await t.http
      .patch(`/api/v1/centres/${shelter.id}`)
      .set(bearer(t.adminToken))
      .send({ regime: 'detention', version: (await centre()).version + 1 });
    expect(stale.status).toBe(409);
    const denied = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'centre.update' AND outcome = 'denied' ORDER BY seq`,
      [shelter.id],
    );
    expect(denied).toHaveLength(2);
    expect(denied[0].details).toEqual({ code: 'CHILDREN_IN_ADULT_REGIME', regime: 'detention', children: 1 });

    // Another shelter-like regime is no adult regime.
    expect((await setRegime('attention')).status).toBe(200);

    // Once the child has left, the centre may become a detention centre.
    const manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [shelter.id]);
    const stay = (await t.http.get(`/api/v1/stays/${child.id}`).set(bearer(officer.token))).body;
    const exit = await t.http
      .post(`/api/v1/stays/${child.id}/exit`)
      .set(bearer(manager.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: stay.version });
    expect(exit.status).toBe(200);
    expect((await setRegime('detention')).status).toBe(200);
  });

  it('adults alone do not stop the change', async () => {
    const other = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    const officerO = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [other.id]);
    await admit(t.http, officerO.token, other.id, { person: { dateOfBirth: dateOfBirthForAge(40) } });
    const res = await t.http
      .patch(`/api/v1/centres/${other.id}`)
      .set(bearer(t.adminToken))
      .send({ regime: 'detention', version: other.version });
    expect(res.status).toBe(200);
  });
});
