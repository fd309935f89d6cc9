import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay, dateOfBirthForAge } from '../factories/admissions';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Refusals are audited on their own, after their transaction: recorded from inside it, each held one pool
 * connection while waiting for a second, and as many concurrent refusals as the pool has connections stopped
 * every request (it took ten clicks on one stay with the default pool). Here the pool has three connections
 * and six refusals of each kind arrive at once.
 */
describe('a burst of refused requests does not starve the connection pool', () => {
  let t: TestApp;
  let manager: TestUser;
  let officer: TestUser;
  let stays: AdmittedStay[];

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '3' });
    const detention = await createCentre(t.http, t.adminToken, { regime: 'detention' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [detention.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [detention.id]);
    stays = [];
    for (let i = 0; i < 6; i++)
      stays.push(
        await admit(t.http, officer.token, detention.id, {
          person: { dateOfBirth: dateOfBirthForAge(15), familyNames: `Burst ${i}` },
        }),
      );
  });
  afterAll(() => t.close());

  const deniedEntries = async (action: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND outcome = 'denied'`,
        [action],
      )
    )[0].n as number;

  it('six screenings placing a child in detention: each answers 422 and is audited', async () => {
    const answers = await Promise.all(
      stays.map((s) =>
        t.http.post(`/api/v1/stays/${s.id}/screening`).set(bearer(officer.token)).send({
          vulnerabilities: [],
          riskIndicators: [],
          asylumIntent: false,
          traffickingIndicators: [],
          requestedPlacement: 'detention',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(422));
    expect(await deniedEntries('screening.record')).toBe(6);
  });

  it('six releases refused by their gates, three of them of one stay: each answers 409 and is audited', async () => {
    const targets = [stays[0], stays[0], stays[0], stays[1], stays[2], stays[3]];
    const answers = await Promise.all(
      targets.map((s) =>
        t.http
          .post(`/api/v1/stays/${s.id}/release`)
          .set(bearer(manager.token))
          .send({ releaseTo: 'FAMILY', version: s.version }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(409));
    expect(await deniedEntries('stay.release')).toBe(6);
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });
});
