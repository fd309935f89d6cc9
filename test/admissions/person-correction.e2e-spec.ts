import { Role } from '../../src/auth/role.enum';
import { admit, dateOfBirthForAge, screen } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

const AGE_DISPUTE = 'Age dispute: passport HN-... shows an adult; age assessment of 2026-11-30 concurs';

/** PATCH /persons/:id and what a correction means for the stay: the child rules, the audit, the input. */
describe('Person corrections (PATCH /persons/:id)', () => {
  let t: TestApp;
  let shelter: { id: string };
  let detention: { id: string };
  let officerS: TestUser;
  let officerD: TestUser;
  let managerD: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    shelter = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    detention = await createCentre(t.http, t.adminToken, { regime: 'detention' });
    officerS = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [shelter.id]);
    officerD = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [detention.id]);
    managerD = await createUser(t.http, t.adminToken, [Role.CentreManager], [detention.id]);
  });
  afterAll(() => t.close());

  const personVersion = async (id: string) =>
    (await t.db.query(`SELECT version FROM persons WHERE id = $1`, [id]))[0].version as number;
  const patchPerson = async (token: string, id: string, body: Record<string, unknown>) =>
    t.http
      .patch(`/api/v1/persons/${id}`)
      .set(bearer(token))
      .send({ ...body, version: await personVersion(id) });
  const auditOf = (personId: string, action: string) =>
    t.db.query(
      `SELECT outcome, actor_id AS "actorId", details FROM audit_events
       WHERE entity_id = $1 AND action = $2 ORDER BY seq`,
      [personId, action],
    );

  it('a date of birth corrected to a child, alone, flags the stay unaccompanied (and occupancy counts it)', async () => {
    const stay = await admit(t.http, officerS.token, shelter.id, {
      person: { dateOfBirth: dateOfBirthForAge(30) },
    });
    expect(stay).toMatchObject({ child: false, unaccompanied: false });
    expect((await screen(t.http, officerS.token, stay.id)).status).toBe(201);
    const occupancy = async () =>
      (await t.http.get(`/api/v1/centres/${shelter.id}/occupancy`).set(bearer(officerS.token))).body;
    const before = await occupancy();

    const corrected = await patchPerson(officerS.token, stay.personId, {
      dateOfBirth: dateOfBirthForAge(15),
    });
    expect(corrected.status).toBe(200);

    const after = await occupancy();
    expect(after.children).toBe(before.children + 1);
    expect(after.unaccompaniedChildren).toBe(before.unaccompaniedChildren + 1);
    const flagged = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'stay.unaccompanied'`,
      [stay.id],
    );
    expect(flagged).toEqual([{ details: { cause: 'person.update' } }]);
  });

  it('a child screened as an adult before the correction is released only to the child protection authority', async () => {
    const stay = await admit(t.http, officerS.token, shelter.id, {
      person: { dateOfBirth: dateOfBirthForAge(30) },
    });
    expect((await screen(t.http, officerS.token, stay.id)).body.screening.child).toBe(false);
    expect(
      (await patchPerson(officerS.token, stay.personId, { dateOfBirth: dateOfBirthForAge(15) })).status,
    ).toBe(200);
    const manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [shelter.id]);
    const readiness = await t.http
      .get(`/api/v1/stays/${stay.id}/release-readiness`)
      .query({ kind: 'RELEASE', releaseTo: 'REPATRIATION', legalBasis: 'Resolución 1' })
      .set(bearer(manager.token));
    expect(readiness.status).toBe(200);
    const codes = (readiness.body.failures as { code: string }[]).map((f) => f.code);
    expect(codes).toContain('CHILD_NOT_SCREENED');
  });

  it("making a child an adult takes a centre manager's written reason; the audit keeps the earlier date", async () => {
    const dobBefore = dateOfBirthForAge(15);
    const stay = await admit(t.http, officerD.token, detention.id, { person: { dateOfBirth: dobBefore } });
    const first = await screen(t.http, officerD.token, stay.id);
    expect(first.body.screening).toMatchObject({ child: true, placement: 'shelter' });

    // An intake officer alone: refused, and the refusal audited; nothing changed.
    const byOfficer = await patchPerson(officerD.token, stay.personId, {
      dateOfBirth: dateOfBirthForAge(25),
    });
    expect(byOfficer.status).toBe(422);
    expect(byOfficer.body.code).toBe('CHILD_AGE_REVISION');
    expect(byOfficer.body.details).toEqual([expect.objectContaining({ field: 'ageRevisionReason' })]);
    const unchanged = await t.db.query(
      `SELECT to_char(date_of_birth, 'YYYY-MM-DD') AS d FROM persons WHERE id = $1`,
      [stay.personId],
    );
    expect(unchanged[0].d).toBe(dobBefore);
    expect(await auditOf(stay.personId, 'person.update')).toEqual([
      {
        outcome: 'denied',
        actorId: officerD.id,
        details: { code: 'CHILD_AGE_REVISION', stayId: stay.id },
      },
    ]);
    // A manager without a reason: refused too.
    const noReason = await patchPerson(managerD.token, stay.personId, { dateOfBirth: dateOfBirthForAge(25) });
    expect(noReason.status).toBe(422);

    // A manager with a written reason: corrected, and both the reason and the earlier date are kept.
    const dobAfter = dateOfBirthForAge(25);
    const byManager = await patchPerson(managerD.token, stay.personId, {
      dateOfBirth: dobAfter,
      ageRevisionReason: AGE_DISPUTE,
    });
    expect(byManager.status).toBe(200);
    expect(byManager.body.person.dateOfBirth).toBe(dobAfter);
    expect(await auditOf(stay.personId, 'person.age-revision')).toEqual([
      { outcome: 'success', actorId: managerD.id, details: { stayId: stay.id, reason: AGE_DISPUTE } },
    ]);
    const updates = await auditOf(stay.personId, 'person.update');
    expect(updates[updates.length - 1]).toEqual({
      outcome: 'success',
      actorId: managerD.id,
      details: { changed: ['dateOfBirth'], previous: { dateOfBirth: dobBefore } },
    });
    // The screening found a child and stands until it is amended: until then the person is still treated as
    // one (no transfer into detention), and the amendment decides on today's record.
    const amended = await screen(t.http, officerD.token, stay.id, { supersedes: first.body.screening.id });
    expect(amended.status).toBe(201);
    expect(amended.body.screening).toMatchObject({ child: false, placement: 'detention' });
  });

  it('a correction that does not touch the date of birth needs no age revision', async () => {
    const stay = await admit(t.http, officerD.token, detention.id, {
      person: { dateOfBirth: dateOfBirthForAge(16) },
    });
    expect((await screen(t.http, officerD.token, stay.id)).body.screening.child).toBe(true);
    // They turn 18 during the stay (moved by hand here): the screening still says child, the record adult.
    await t.db.query(`UPDATE persons SET date_of_birth = $2 WHERE id = $1`, [
      stay.personId,
      dateOfBirthForAge(18),
    ]);
    const res = await patchPerson(officerD.token, stay.personId, { aliases: ['Chepe'] });
    expect(res.status).toBe(200);
    expect(await auditOf(stay.personId, 'person.age-revision')).toEqual([]);
  });

  it('a correction that leaves a child a child (a later date of birth) needs no reason', async () => {
    const stay = await admit(t.http, officerD.token, detention.id, {
      person: { dateOfBirth: dateOfBirthForAge(16) },
    });
    const res = await patchPerson(officerD.token, stay.personId, { dateOfBirth: dateOfBirthForAge(14) });
    expect(res.status).toBe(200);
  });

  it('a date of birth in the future, or before 1900, answers 400 on admission and on correction', async () => {
    for (const dateOfBirth of ['2999-01-01', '1850-06-01']) {
      const res = await t.http
        .post('/api/v1/admissions')
        .set(bearer(officerS.token))
        .send({
          centreId: shelter.id,
          person: { givenNames: 'Ana', familyNames: 'López', sex: 'F', dateOfBirth },
          arrival: { at: new Date(Date.now() - 60_000).toISOString() },
        });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'person.dateOfBirth', message: expect.stringContaining('today') }),
      ]);
    }
    const stay = await admit(t.http, officerS.token, shelter.id);
    const res = await patchPerson(officerS.token, stay.personId, { dateOfBirth: '2999-01-01' });
    expect(res.status).toBe(400);
  });

  it('nationalities and languages stay lists without repeats, as at admission', async () => {
    const stay = await admit(t.http, officerS.token, shelter.id);
    const res = await patchPerson(officerS.token, stay.personId, {
      nationalities: ['SV', 'SV', 'GT'],
      languages: ['es', 'es'],
    });
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ nationalities: ['SV', 'GT'], languages: ['es'] });
  });

  it('a correction with no field to correct answers 400 and changes nothing', async () => {
    const stay = await admit(t.http, officerS.token, shelter.id);
    const version = await personVersion(stay.personId);
    const res = await patchPerson(officerS.token, stay.personId, {});
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', message: 'give at least one field to correct' }]);
    expect(await personVersion(stay.personId)).toBe(version);
    expect(await auditOf(stay.personId, 'person.update')).toEqual([]);
  });

  it('the legal basis for holding someone may be replaced but not erased', async () => {
    const stay = await admit(t.http, officerS.token, shelter.id);
    const res = await t.http
      .patch(`/api/v1/stays/${stay.id}`)
      .set(bearer(officerS.token))
      .send({ legalBasis: null, version: stay.version });
    expect(res.status).toBe(400);
    expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['legalBasis']));
    const kept = await t.db.query(`SELECT legal_basis AS "legalBasis" FROM stays WHERE id = $1`, [stay.id]);
    expect(kept[0].legalBasis).toBe(stay.legalBasis);
  });

  it('reading a screening is audited (screening.read)', async () => {
    const stay = await admit(t.http, officerS.token, shelter.id);
    expect((await screen(t.http, officerS.token, stay.id)).status).toBe(201);
    const read = await t.http.get(`/api/v1/stays/${stay.id}/screening`).set(bearer(officerS.token));
    expect(read.status).toBe(200);
    const entries = await t.db.query(
      `SELECT actor_id AS "actorId", centre_id AS "centreId", request_id AS "requestId", details
       FROM audit_events WHERE entity_id = $1 AND action = 'screening.read'`,
      [stay.id],
    );
    expect(entries).toEqual([
      {
        actorId: officerS.id,
        centreId: shelter.id,
        requestId: read.headers['x-request-id'],
        details: { versions: 1 },
      },
    ]);
  });

  it("reading a stay's referrals is audited too (referral.read): their reasons are the screening's", async () => {
    const stay = await admit(t.http, officerS.token, shelter.id);
    expect((await screen(t.http, officerS.token, stay.id, { asylumIntent: true })).status).toBe(201);
    const read = await t.http.get(`/api/v1/stays/${stay.id}/referrals`).set(bearer(officerS.token));
    expect(read.status).toBe(200);
    expect(read.body).toHaveLength(1);
    const entries = await t.db.query(
      `SELECT actor_id AS "actorId", centre_id AS "centreId", details
       FROM audit_events WHERE entity_id = $1 AND action = 'referral.read'`,
      [stay.id],
    );
    expect(entries).toEqual([{ actorId: officerS.id, centreId: shelter.id, details: { referrals: 1 } }]);
  });
});
