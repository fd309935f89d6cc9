import { Role } from '../../src/auth/role.enum';
import { admissionInput, admit, closeStayInDatabase } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('admission', () => {
  let t: TestApp;
  let centreA: { id: string; code: string };
  let centreB: { id: string; code: string };
  let officerA: TestUser;
  let officerB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken, { name: 'Centro A', regime: 'shelter' });
    centreB = await createCentre(t.http, t.adminToken, { name: 'Centro B', regime: 'detention' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('creates the person and an ACTIVE stay, audited in the same transaction', async () => {
    const res = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send(
        admissionInput({
          centreId: centreA.id,
          person: { givenNames: 'Ana María', familyNames: 'López Ruiz', dateOfBirth: '1994-03-02' },
        }),
      );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'ACTIVE',
      centreId: centreA.id,
      accommodationUnit: 'B-12',
      child: false,
      unaccompanied: false,
      person: { givenNames: 'Ana María', familyNames: 'López Ruiz', sex: 'F', nationalities: ['HN'] },
    });
    const due = new Date(res.body.medicalScreeningDueAt).getTime() - new Date(res.body.admittedAt).getTime();
    expect(due).toBe(12 * 3600_000);
    const audit = await t.db.query(`SELECT action, centre_id FROM audit_events WHERE entity_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toEqual([{ action: 'stay.admit', centre_id: centreA.id }]);

    const read = await t.http.get(`/api/v1/stays/${res.body.id}`).set(bearer(officerA.token));
    expect(read.status).toBe(200);
    expect(read.body.person.id).toBe(res.body.personId);
    // Another centre's officer does not see it.
    const hidden = await t.http.get(`/api/v1/stays/${res.body.id}`).set(bearer(officerB.token));
    expect(hidden.status).toBe(404);
  });

  it("a person's age is taken on the centre's date, and a change of the centre's time zone applies at once", async () => {
    // Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC-11): born 18 years before Kiritimati's
    // date, a person is 18 there and still 17 in Pago Pago.
    const kiritimatiToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(
      new Date(),
    );
    const dateOfBirth = `${Number(kiritimatiToday.slice(0, 4)) - 18}${kiritimatiToday.slice(4)}`;
    const centre = await createCentre(t.http, t.adminToken, {
      regime: 'shelter',
      timeZone: 'Pacific/Pago_Pago',
    });
    const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    const admitBorn = (familyNames: string) =>
      admit(t.http, officer.token, centre.id, { person: { dateOfBirth, familyNames } });
    expect(await admitBorn('Pago')).toMatchObject({ child: true, ageAtAdmission: 17 });
    const moved = await t.http
      .patch(`/api/v1/centres/${centre.id}`)
      .set(bearer(t.adminToken))
      .send({ version: 1, timeZone: 'Pacific/Kiritimati' });
    expect(moved.status).toBe(200);
    expect(await admitBorn('Kiritimati')).toMatchObject({ child: false, ageAtAdmission: 18 });
  });

  it('a person ACTIVE at centre A admitted at centre B answers 409 naming centre A', async () => {
    const stay = await admit(t.http, officerA.token, centreA.id);
    const stays = await count('stays');
    const res = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerB.token))
      .send({ ...admissionInput({ centreId: centreB.id }), person: undefined, personId: stay.personId });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PERSON_ALREADY_ADMITTED');
    expect(res.body.message).toContain(centreA.code);
    expect(res.body.message).toContain('Centro A');
    expect(await count('stays')).toBe(stays);
  });

  it('a claim to be a child made at an earlier stay stands when the person is brought back', async () => {
    const first = await admit(t.http, officerA.token, centreA.id, {
      person: { dateOfBirth: '1995-01-01' },
      claimedChild: true,
    });
    expect(first).toMatchObject({ claimedChild: true, child: true });
    const manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreA.id]);
    const gone = await t.http
      .post(`/api/v1/stays/${first.id}/exit`)
      .set(bearer(manager.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: first.version });
    expect(gone.status).toBe(200);
    // Brought to a detention centre later; the officer there does not know of the claim.
    const again = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerB.token))
      .send({ ...admissionInput({ centreId: centreB.id }), person: undefined, personId: first.personId });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ claimedChild: true, child: true });
    const [entry] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'stay.admit' AND entity_id = $1`,
      [again.body.id],
    );
    expect(entry.details).toMatchObject({ child: true, claimedChildCarriedOver: true });
  });

  it('the database itself refuses a second ACTIVE stay for one person', async () => {
    const stay = await admit(t.http, officerA.token, centreA.id);
    await expect(
      t.db.query(
        `INSERT INTO stays (person_id, centre_id, admitted_at, group_id, medical_screening_due_at, version)
         VALUES ($1, $2, now(), gen_random_uuid(), now(), 1)`,
        [stay.personId, centreB.id],
      ),
    ).rejects.toThrow(/UQ_stays_one_active_per_person/);
  });

  it('a write the database refuses leaves nothing of the admission, and answers with that refusal', async () => {
    // Test setup: a rule only the database knows, on the stay: the second of the admission's writes.
    await t.db.query(`
      CREATE FUNCTION refuse_unit_x() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.accommodation_unit = 'X-0' THEN
          RAISE EXCEPTION 'unit X-0 is closed' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_unit_x BEFORE INSERT ON stays FOR EACH ROW EXECUTE FUNCTION refuse_unit_x()`);
    try {
      const tables = ['persons', 'stays', 'documents', 'outbox'];
      const before = await Promise.all(tables.map(count));
      const res = await t.http
        .post('/api/v1/admissions')
        .set(bearer(officerA.token))
        .send(admissionInput({ centreId: centreA.id, accommodationUnit: 'X-0' }));
      // The stay's own refusal (422), not the "transaction is aborted" of the writes sent after it.
      expect(res.status).toBe(422);
      expect(await Promise.all(tables.map(count))).toEqual(before);
      // (The worker may be auditing earlier documents meanwhile: this request's own entries are counted.)
      const audited = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`, [
        res.body.requestId,
      ]);
      expect(audited[0].n).toBe(0);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_unit_x ON stays; DROP FUNCTION refuse_unit_x()`);
    }
  });

  it('two concurrent admissions of one person at two centres: one ACTIVE stay, the other answers 409', async () => {
    const first = await admit(t.http, officerA.token, centreA.id);
    // Test setup: a person known from an earlier, closed stay.
    await closeStayInDatabase(t.db, first.id);
    const body = (centreId: string) => ({
      centreId,
      personId: first.personId,
      arrival: { at: new Date().toISOString() },
    });
    const results = await Promise.all([
      t.http.post('/api/v1/admissions').set(bearer(officerA.token)).send(body(centreA.id)),
      t.http.post('/api/v1/admissions').set(bearer(officerB.token)).send(body(centreB.id)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const active = await t.db.query(
      `SELECT count(*)::int AS n FROM stays WHERE person_id = $1 AND status = 'ACTIVE'`,
      [first.personId],
    );
    expect(active[0].n).toBe(1);
  });

  it('the same admission sent twice with one Idempotency-Key makes one stay', async () => {
    const body = admissionInput({ centreId: centreA.id });
    const before = await count('stays');
    const first = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .set('Idempotency-Key', 'adm-twice-1')
      .send(body);
    const second = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .set('Idempotency-Key', 'adm-twice-1')
      .send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(await count('stays')).toBe(before + 1);
  });

  const person = { givenNames: 'Wilmer', familyNames: 'Zelaya', sex: 'M' };
  it.each([
    ['unknown field', { extra: 1 }],
    ['missing centre', { centreId: undefined }],
    ['bad nationality', { person: { ...person, nationalities: ['XX1'] } }],
    ['impossible date of birth', { person: { ...person, dateOfBirth: '2001-02-30' } }],
    ['bad sex', { person: { ...person, sex: 'female' } }],
    ['oversized name', { person: { ...person, givenNames: 'x'.repeat(201) } }],
    ['arrival not a date', { arrival: { at: 'yesterday' } }],
    ['arrival missing', { arrival: undefined }],
    ['arrival null', { arrival: null }],
    ['neither person nor personId', { person: null }],
    ['a list for the accompanying adult', { accompaniedBy: [] }],
    ['a list for the arrival', { arrival: [{ at: '2026-11-20T14:05:00Z' }] }],
    ['a list for the person', { person: [person] }],
    ['a list for next of kin', { person: { ...person, nextOfKin: [{ name: 'Rosa Zelaya' }] } }],
  ])('bad input (%s) answers 400 and writes nothing', async (_, overrides) => {
    const before = [await count('stays'), await count('persons')];
    const res = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send({ ...admissionInput({ centreId: centreA.id }), ...overrides });
    expect(res.status).toBe(400);
    expect(res.body.details.length).toBeGreaterThan(0);
    expect([await count('stays'), await count('persons')]).toEqual(before);
  });

  it('rule violations answer 422 or 404 and write nothing', async () => {
    const before = [await count('stays'), await count('persons')];
    const future = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send(admissionInput({ centreId: centreA.id, arrival: { at: '2099-01-01T00:00:00Z' } }));
    expect(future.status).toBe(422);
    const otherCentre = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send(admissionInput({ centreId: centreB.id }));
    expect(otherCentre.status).toBe(404);
    const unknownPerson = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send({
        ...admissionInput({ centreId: centreA.id }),
        person: undefined,
        personId: '00000000-0000-4000-8000-000000000000',
      });
    expect(unknownPerson.status).toBe(422);
    expect([await count('stays'), await count('persons')]).toEqual(before);
  });

  it('an ACTIVE stay moves to another unit (versioned, audited); bad updates write nothing', async () => {
    const stay = await admit(t.http, officerA.token, centreA.id);
    const patch = (body: Record<string, unknown>) =>
      t.http.patch(`/api/v1/stays/${stay.id}`).set(bearer(officerA.token)).send(body);
    const moved = await patch({ accommodationUnit: 'C-03', version: stay.version });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ accommodationUnit: 'C-03', version: stay.version + 1 });
    expect((await patch({ accommodationUnit: 'C-04', version: stay.version })).status).toBe(409);
    expect((await patch({ version: moved.body.version })).status).toBe(422);
    expect((await patch({ accommodationUnit: 'C-04' })).status).toBe(400);
    expect((await patch({ status: 'RELEASED', version: moved.body.version })).status).toBe(400);
    const other = await t.http
      .patch(`/api/v1/stays/${stay.id}`)
      .set(bearer(officerB.token))
      .send({ accommodationUnit: 'X', version: moved.body.version });
    expect(other.status).toBe(404);
    const after = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(officerA.token));
    expect(after.body).toMatchObject({ accommodationUnit: 'C-03', version: moved.body.version });
    const audit = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'stay.update'`,
      [stay.id],
    );
    expect(audit).toEqual([
      { details: { changed: ['accommodationUnit'], fromUnit: 'B-12', toUnit: 'C-03' } },
    ]);
  });

  it('a new legal basis keeps the one it replaces in the audit trail', async () => {
    const stay = await admit(t.http, officerA.token, centreA.id, { legalBasis: 'Art. 99 LM' });
    const changed = await t.http
      .patch(`/api/v1/stays/${stay.id}`)
      .set(bearer(officerA.token))
      .send({ legalBasis: 'Prórroga 2026/118', version: stay.version });
    expect(changed.status).toBe(200);
    const [entry] = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'stay.update'`,
      [stay.id],
    );
    expect(entry.details).toEqual({
      changed: ['legalBasis'],
      fromLegalBasis: 'Art. 99 LM',
      toLegalBasis: 'Prórroga 2026/118',
    });
  });

  it('nationalities are stored upper case, so a repeat arrival typed either way is one nationality', async () => {
    const res = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send(admissionInput({ centreId: centreA.id, person: { nationalities: ['hn', 'gt', 'HN'] } }));
    expect(res.status).toBe(201);
    expect(res.body.person.nationalities).toEqual(['HN', 'GT']);
    await expect(
      t.db.query(`UPDATE persons SET nationalities = '{hn}' WHERE id = $1`, [res.body.personId]),
    ).rejects.toThrow(/CHK_persons_nationalities/);
  });

  it('release-readiness lists the failed gates without changing the stay', async () => {
    const stay = await admit(t.http, officerA.token, centreA.id);
    const res = await t.http.get(`/api/v1/stays/${stay.id}/release-readiness`).set(bearer(officerA.token));
    expect(res.status).toBe(200);
    expect(res.body.ready).toBe(false);
    expect(res.body.failures.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['LEGAL_BASIS_MISSING', 'AUTHORISING_MANAGER_MISSING']),
    );
    const after = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(officerA.token));
    expect(after.body.version).toBe(stay.version);
  });
});
