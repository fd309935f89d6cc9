import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay, closeStayInDatabase } from '../factories/admissions';
import { tinyPng, verify } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

describe('identity under concurrent and retried requests', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: TestUser;
  let manager: TestUser;
  let stay: AdmittedStay;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
    stay = await admit(t.http, officer.token, centre.id);
  });
  afterAll(() => t.close());

  it('five simultaneous wristband issues leave exactly one active band', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http.post(`/api/v1/stays/${stay.id}/wristbands`).set(bearer(officer.token)).send(),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const rows = await t.db.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS active, count(*)::int AS total FROM wristbands WHERE stay_id = $1`,
      [stay.id],
    );
    expect(rows[0]).toEqual({ active: 1, total: 5 });
  });

  it('the same photo uploaded three times at once is one record', async () => {
    const png = tinyPng({ seed: 42 });
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        t.http
          .post(`/api/v1/stays/${stay.id}/identity-photos`)
          .set(bearer(officer.token))
          .attach('photo', png, 'p.png'),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it('a verification retried with the same Idempotency-Key is recorded once', async () => {
    const body = { checkpoint: 'COUNT', methods: ['photo'], presented: {}, officerAssessment: 'MATCH' };
    const send = () =>
      t.http
        .post(`/api/v1/stays/${stay.id}/identity-verifications`)
        .set(bearer(officer.token))
        .set('Idempotency-Key', 'count-2026-11-23-0800')
        .send(body);
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM identity_verifications WHERE stay_id = $1`,
      [stay.id],
    );
    expect(n).toBe(1);
    const other = await verify(t.http, officer.token, stay.id, body);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('the same candidate confirmed twice at once: one merge, one 409', async () => {
    const a = await admit(t.http, officer.token, centre.id, {
      person: { givenNames: 'Sofía', familyNames: 'Castro' },
    });
    await closeStayInDatabase(t.db, a.id);
    const b = await admit(t.http, officer.token, centre.id, {
      person: { givenNames: 'Sofia', familyNames: 'Castro' },
    });
    const decide = () =>
      t.http
        .post(`/api/v1/persons/${b.personId}/match-decisions`)
        .set(bearer(manager.token))
        .send({ candidatePersonId: a.personId, decision: 'confirmed', reason: 'Same woman.' });
    const results = await Promise.all([decide(), decide()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM person_merges WHERE merged_person_id = $1`,
      [a.personId],
    );
    expect(n).toBe(1);
  });
});
