import { Role } from '../../src/auth/role.enum';
import { admit, dateOfBirthForAge } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { someoneWaitsForALock } from '../support/lock-wait';
import { createTestApp, TestApp } from '../support/test-app';

const screeningInput = (overrides: Record<string, unknown> = {}) => ({
  vulnerabilities: [],
  riskIndicators: [],
  asylumIntent: false,
  traffickingIndicators: [],
  ...overrides,
});

describe('screening, the attention decision and referrals', () => {
  let t: TestApp;
  let shelter: { id: string };
  let detention: { id: string };
  let officer: TestUser;
  let manager: TestUser;
  let medic: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    shelter = await createCentre(t.http, t.adminToken, { regime: 'shelter', capacity: 40 });
    detention = await createCentre(t.http, t.adminToken, { regime: 'detention' });
    const centres = [shelter.id, detention.id];
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], centres);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], centres);
    medic = await createUser(t.http, t.adminToken, [Role.MedicalStaff], centres);
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const screen = (token: string, stayId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/stays/${stayId}/screening`).set(bearer(token)).send(screeningInput(body));

  it('a pregnant mother with two children admitted together: flags, links and referrals are right', async () => {
    const mother = await admit(t.http, officer.token, shelter.id, {
      person: { givenNames: 'Yesenia', familyNames: 'Mejía Zelaya', sex: 'F', dateOfBirth: '1996-07-14' },
    });
    const son = await admit(t.http, officer.token, shelter.id, {
      person: { givenNames: 'Kevin', familyNames: 'Mejía', sex: 'M', dateOfBirth: dateOfBirthForAge(9) },
      arrival: { groupId: mother.groupId },
      accompaniedBy: { stayId: mother.id, relationship: 'son' },
    });
    const daughter = await admit(t.http, officer.token, shelter.id, {
      person: { givenNames: 'Sofía', familyNames: 'Mejía', sex: 'F', dateOfBirth: dateOfBirthForAge(14) },
      accompaniedBy: { stayId: mother.id, relationship: 'daughter' },
    });
    expect(son).toMatchObject({ groupId: mother.groupId, child: true, unaccompanied: false });
    expect(daughter).toMatchObject({
      groupId: mother.groupId,
      accompaniedByStayId: mother.id,
      relationshipToAccompanying: 'daughter',
      child: true,
      unaccompanied: false,
    });

    const m = await screen(officer.token, mother.id, { vulnerabilities: ['PREGNANT_WOMAN'] });
    expect(m.status).toBe(201);
    expect(m.body.screening).toMatchObject({
      placement: 'shelter',
      child: false,
      sequence: 1,
      current: true,
    });
    expect(m.body.referrals.map((r: { type: string }) => r.type)).toEqual(['MEDICAL']);

    const s = await screen(officer.token, son.id, {});
    expect(s.body.screening).toMatchObject({ placement: 'shelter', child: true });
    // Accompanied children are still referred to child protection, but not flagged unaccompanied.
    expect(s.body.screening.vulnerabilities).toEqual([]);
    expect(s.body.referrals.map((r: { type: string }) => r.type)).toEqual(['CHILD_PROTECTION']);

    const group = await t.http.get(`/api/v1/stays/${daughter.id}/group`).set(bearer(officer.token));
    expect(group.status).toBe(200);
    expect(group.body).toHaveLength(3);
    expect(group.body[0]).toMatchObject({ stayId: mother.id, child: false });
    expect(
      group.body
        .slice(1)
        .map((g: { relationshipToAccompanying: string }) => g.relationshipToAccompanying)
        .sort(),
    ).toEqual(['daughter', 'son']);
  });

  it('a child cannot accompany a child, and a companion must be in the same centre', async () => {
    const child = await admit(t.http, officer.token, shelter.id, {
      person: { dateOfBirth: dateOfBirthForAge(12) },
    });
    const res = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officer.token))
      .send({
        centreId: shelter.id,
        person: { givenNames: 'Brayan', familyNames: 'Cruz', sex: 'M', dateOfBirth: dateOfBirthForAge(5) },
        arrival: { at: new Date().toISOString() },
        accompaniedBy: { stayId: child.id, relationship: 'brother' },
      });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_ACCOMPANYING_ADULT');
  });

  it('an unaccompanied 16-year-old brought to detention gets shelter and a child protection referral', async () => {
    const teen = await admit(t.http, officer.token, detention.id, {
      person: {
        givenNames: 'Wilmer',
        familyNames: 'Reyes Castro',
        sex: 'M',
        dateOfBirth: dateOfBirthForAge(16),
      },
    });
    expect(teen).toMatchObject({ child: true, unaccompanied: true });

    // Asking for detention without a manager's override: 422, nothing written.
    const before = [await count('screenings'), await count('referrals')];
    const refused = await screen(officer.token, teen.id, { requestedPlacement: 'detention' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHILD_IN_DETENTION');
    expect(refused.body.details[0].field).toBe('requestedPlacement');
    // An intake officer cannot override either.
    const notManager = await screen(officer.token, teen.id, {
      requestedPlacement: 'detention',
      override: { reason: 'He looks older than 18 to me' },
    });
    expect(notManager.status).toBe(422);
    expect(notManager.body.code).toBe('OVERRIDE_REQUIRES_MANAGER');
    expect([await count('screenings'), await count('referrals')]).toEqual(before);
    const denied = await t.db.query(
      `SELECT outcome FROM audit_events WHERE entity_id = $1 AND action = 'screening.record'`,
      [teen.id],
    );
    expect(denied).toEqual([{ outcome: 'denied' }, { outcome: 'denied' }]);

    const ok = await screen(officer.token, teen.id, {});
    expect(ok.status).toBe(201);
    expect(ok.body.screening).toMatchObject({ placement: 'shelter', child: true, ageAtScreening: 16 });
    expect(ok.body.screening.vulnerabilities).toEqual(['UNACCOMPANIED_OR_SEPARATED_CHILD']);
    expect(ok.body.referrals).toEqual([
      expect.objectContaining({
        type: 'CHILD_PROTECTION',
        status: 'PENDING',
        reasons: ['CHILD', 'UNACCOMPANIED_OR_SEPARATED_CHILD'],
      }),
    ]);

    // A manager may override, with a written reason (age dispute); the amendment keeps the history.
    const override = await screen(manager.token, teen.id, {
      requestedPlacement: 'detention',
      override: { reason: 'Age dispute: travel document shows 1999-05-01; age assessment requested' },
      supersedes: ok.body.screening.id,
    });
    expect(override.status).toBe(201);
    expect(override.body.screening).toMatchObject({
      placement: 'detention',
      sequence: 2,
      overrideById: manager.id,
    });
    const history = await t.http.get(`/api/v1/stays/${teen.id}/screening`).set(bearer(officer.token));
    expect(history.body.map((s: { sequence: number; current: boolean }) => [s.sequence, s.current])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('a child claim made at the interview flags the stay unaccompanied and raises child protection', async () => {
    const stay = await admit(t.http, officer.token, detention.id, {
      person: {
        givenNames: 'Jhonny',
        familyNames: 'Marcano',
        sex: 'M',
        dateOfBirth: '2004-01-09',
        nationalities: ['VE'],
      },
    });
    expect(stay).toMatchObject({ child: false, unaccompanied: false });
    const res = await screen(officer.token, stay.id, { claimedChild: true });
    expect(res.status).toBe(201);
    expect(res.body.screening).toMatchObject({ child: true, placement: 'shelter' });
    expect(res.body.screening.vulnerabilities).toEqual(['UNACCOMPANIED_OR_SEPARATED_CHILD']);
    const after = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(officer.token));
    expect(after.body).toMatchObject({ claimedChild: true, child: true, unaccompanied: true });
  });

  it("withdrawing a recorded child's claim takes a manager's override with a reason, and is audited", async () => {
    const stay = await admit(t.http, officer.token, detention.id, {
      person: {
        givenNames: 'Yorvis',
        familyNames: 'Pérez',
        dateOfBirth: '2000-03-03',
        nationalities: ['VE'],
      },
      claimedChild: true,
    });
    // The stay's own entries: the worker writes document.ready entries meanwhile, whenever it renders.
    const ofStay = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`, [stay.id]))[0]
        .n as number;
    const [screenings, before] = [await count('screenings'), await ofStay()];
    const byOfficer = await screen(officer.token, stay.id, {
      claimedChild: false,
      requestedPlacement: 'detention',
    });
    expect(byOfficer.status).toBe(422);
    expect(byOfficer.body).toMatchObject({
      code: 'CHILD_CLAIM_WITHDRAWAL',
      details: [expect.objectContaining({ field: 'claimedChild' })],
    });
    expect(await count('screenings')).toBe(screenings);
    const [refusal] = await t.db.query(
      `SELECT outcome, details FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [stay.id],
    );
    expect(refusal).toEqual({ outcome: 'denied', details: { code: 'CHILD_CLAIM_WITHDRAWAL' } });
    expect(await ofStay()).toBe(before + 1);
    const stillClaimed = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(officer.token));
    expect(stillClaimed.body).toMatchObject({ claimedChild: true });

    const reason = 'Passport and birth certificate checked: 26 years old';
    const byManager = await screen(manager.token, stay.id, {
      claimedChild: false,
      requestedPlacement: 'detention',
      override: { reason },
    });
    expect(byManager.status).toBe(201);
    expect(byManager.body.screening).toMatchObject({
      child: false,
      claimedChild: false,
      placement: 'detention',
      // An adult in detention needs no override: the reason is the withdrawal's.
      overrideReason: null,
      overrideById: null,
      claimWithdrawalReason: reason,
      claimWithdrawnById: manager.id,
    });
    const [audited] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'screening.record' AND entity_id = $1`,
      [byManager.body.screening.id],
    );
    expect(audited.details).toMatchObject({
      claimedChild: { from: true, to: false },
      claimWithdrawalReason: reason,
    });
  });

  it("a child by age whose claim is withdrawn: the reason is the withdrawal's, and an override only if detained", async () => {
    const admitChild = () =>
      admit(t.http, officer.token, detention.id, {
        person: { givenNames: 'Dilan', familyNames: 'Ajú', dateOfBirth: dateOfBirthForAge(16) },
        claimedChild: true,
      });
    const reason = 'Age dispute: the claim is superseded by the date of birth on record';
    const sheltered = await screen(manager.token, (await admitChild()).id, {
      claimedChild: false,
      override: { reason },
    });
    expect(sheltered.status).toBe(201);
    expect(sheltered.body.screening).toMatchObject({
      child: true,
      placement: 'shelter',
      overrideReason: null,
      claimWithdrawalReason: reason,
    });
    const detained = await screen(manager.token, (await admitChild()).id, {
      claimedChild: false,
      requestedPlacement: 'detention',
      override: { reason },
    });
    expect(detained.status).toBe(201);
    expect(detained.body.screening).toMatchObject({
      child: true,
      placement: 'detention',
      overrideReason: reason,
      overrideById: manager.id,
      claimWithdrawalReason: reason,
      claimWithdrawnById: manager.id,
    });
  });

  it('an amendment must name the current screening; a stale one answers 409', async () => {
    const stay = await admit(t.http, officer.token, shelter.id);
    const first = await screen(officer.token, stay.id, {});
    const second = await screen(officer.token, stay.id, {
      asylumIntent: true,
      supersedes: first.body.screening.id,
    });
    expect(second.status).toBe(201);
    expect(second.body.referrals.map((r: { type: string }) => r.type)).toEqual(['ASYLUM_AUTHORITY']);
    const stale = await screen(officer.token, stay.id, { supersedes: first.body.screening.id });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('SCREENING_SUPERSEDED');
    const missing = await screen(officer.token, stay.id, {});
    expect(missing.status).toBe(409);
    const future = await screen(officer.token, stay.id, {
      supersedes: second.body.screening.id,
      interviewedAt: '2099-01-01T00:00:00Z',
    });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('INTERVIEW_TIME');
  });

  it('indicators raise their referrals, whose status moves forward only', async () => {
    const stay = await admit(t.http, officer.token, shelter.id);
    const res = await screen(officer.token, stay.id, {
      vulnerabilities: ['SEXUAL_OR_GENDER_BASED_VIOLENCE'],
      riskIndicators: ['CONTAGIOUS_ILLNESS_SYMPTOMS'],
      traffickingIndicators: ['DOCUMENTS_WITHHELD'],
      consularAssistanceRequested: true,
    });
    expect(res.body.referrals.map((r: { type: string }) => r.type).sort()).toEqual([
      'ANTI_TRAFFICKING_UNIT',
      'CONSULAR',
      'MEDICAL',
      'PSYCHOSOCIAL',
    ]);
    const consular = res.body.referrals.find((r: { type: string }) => r.type === 'CONSULAR');
    const sent = await t.http
      .patch(`/api/v1/referrals/${consular.id}`)
      .set(bearer(officer.token))
      .send({ status: 'SENT', note: 'Consulado de Honduras, ref. 4411', version: consular.version });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'SENT', statusChangedById: officer.id });
    const stale = await t.http
      .patch(`/api/v1/referrals/${consular.id}`)
      .set(bearer(officer.token))
      .send({ status: 'ACCEPTED', version: consular.version });
    expect(stale.status).toBe(409);
    const accepted = await t.http
      .patch(`/api/v1/referrals/${consular.id}`)
      .set(bearer(officer.token))
      .send({ status: 'ACCEPTED', version: sent.body.version });
    expect(accepted.status).toBe(200);
    // A status change without a note keeps the case reference; each change's note is in its audit entry.
    expect(accepted.body.note).toBe('Consulado de Honduras, ref. 4411');
    const statusEntries = await t.db.query(
      `SELECT details->>'to' AS "to", details->>'note' AS note FROM audit_events
        WHERE action = 'referral.status' AND entity_id = $1 ORDER BY seq`,
      [consular.id],
    );
    expect(statusEntries).toEqual([
      { to: 'SENT', note: 'Consulado de Honduras, ref. 4411' },
      { to: 'ACCEPTED', note: null },
    ]);
    const back = await t.http
      .patch(`/api/v1/referrals/${consular.id}`)
      .set(bearer(officer.token))
      .send({ status: 'PENDING', version: accepted.body.version });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('REFERRAL_STATUS_TRANSITION');

    const list = await t.http.get(`/api/v1/stays/${stay.id}/referrals`).set(bearer(officer.token));
    expect(list.body).toHaveLength(4);
    const manual = await t.http
      .post(`/api/v1/stays/${stay.id}/referrals`)
      .set(bearer(officer.token))
      .send({ type: 'ASYLUM_AUTHORITY', reason: 'Asked for asylum the next day' });
    expect(manual.status).toBe(201);
    const duplicate = await t.http
      .post(`/api/v1/stays/${stay.id}/referrals`)
      .set(bearer(officer.token))
      .send({ type: 'ASYLUM_AUTHORITY', reason: 'again' });
    expect(duplicate.status).toBe(409);

    // An amendment with a new indicator adds its reason to the referral already raised, audited.
    const amended = await screen(officer.token, stay.id, {
      supersedes: res.body.screening.id,
      vulnerabilities: ['SEXUAL_OR_GENDER_BASED_VIOLENCE'],
      riskIndicators: ['CONTAGIOUS_ILLNESS_SYMPTOMS', 'SELF_HARM_RISK'],
      traffickingIndicators: ['DOCUMENTS_WITHHELD'],
      consularAssistanceRequested: true,
    });
    expect(amended.status).toBe(201);
    const medical = amended.body.referrals.find((r: { type: string }) => r.type === 'MEDICAL');
    const [added] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'referral.reasons-added' AND entity_id = $1`,
      [medical.id],
    );
    expect(added.details).toMatchObject({ type: 'MEDICAL', screeningId: amended.body.screening.id });
    expect(added.details.added.length).toBeGreaterThan(0);
    expect(medical.reasons).toEqual(expect.arrayContaining(added.details.added));
  });

  it('the medical screening deadline: overdue stays are listed until medical staff record the screening', async () => {
    const stay = await admit(t.http, officer.token, shelter.id);
    expect(new Date(stay.medicalScreeningDueAt as string).getTime()).toBeGreaterThan(Date.now());
    // Test setup: move the deadline into the past, as if 13 hours had gone by.
    await t.db.query(`UPDATE stays SET medical_screening_due_at = now() - interval '1 hour' WHERE id = $1`, [
      stay.id,
    ]);
    const overdue = await t.http
      .get(`/api/v1/centres/${shelter.id}/overdue-medical-screenings`)
      .set(bearer(manager.token));
    expect(overdue.status).toBe(200);
    expect(overdue.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stayId: stay.id, overdueMinutes: expect.any(Number) }),
      ]),
    );
    const byOfficer = await t.http
      .post(`/api/v1/stays/${stay.id}/medical-screening-done`)
      .set(bearer(officer.token))
      .send({});
    expect(byOfficer.status).toBe(403);
    const done = await t.http
      .post(`/api/v1/stays/${stay.id}/medical-screening-done`)
      .set(bearer(medic.token))
      .send({});
    expect(done.status).toBe(200);
    expect(done.body.medicalScreeningDoneAt).toEqual(expect.any(String));
    const again = await t.http
      .post(`/api/v1/stays/${stay.id}/medical-screening-done`)
      .set(bearer(medic.token))
      .send({});
    expect(again.status).toBe(409);
    const after = await t.http
      .get(`/api/v1/centres/${shelter.id}/overdue-medical-screenings`)
      .set(bearer(manager.token));
    expect(after.body.map((o: { stayId: string }) => o.stayId)).not.toContain(stay.id);
  });

  it.each([
    ['unknown vulnerability', { vulnerabilities: ['HUNGRY'] }],
    ['missing asylumIntent', { asylumIntent: undefined }],
    ['duplicate indicators', { riskIndicators: ['VIOLENCE', 'VIOLENCE'] }],
    ['bad placement', { requestedPlacement: 'prison' }],
    ['short override reason', { override: { reason: 'no' } }],
    ['clinical free text', { notes: 'diagnosis...' }],
    ['a null placement', { requestedPlacement: null }],
    ['a list for the override', { override: [] }],
  ])('bad screening input (%s) answers 400 and writes nothing', async (_, overrides) => {
    const stay = await admit(t.http, officer.token, shelter.id);
    const before = await count('screenings');
    const res = await screen(officer.token, stay.id, overrides);
    expect(res.status).toBe(400);
    expect(await count('screenings')).toBe(before);
  });

  it('a stay of another centre answers 404', async () => {
    const other = await createCentre(t.http, t.adminToken);
    const otherOfficer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [other.id]);
    const stay = await admit(t.http, officer.token, shelter.id);
    expect((await screen(otherOfficer.token, stay.id, {})).status).toBe(404);
    const list = await t.http.get(`/api/v1/stays/${stay.id}/referrals`).set(bearer(otherOfficer.token));
    expect(list.status).toBe(404);
  });

  it("the age is taken on the centre's date: the evening before an 18th birthday, the person is still a child", async () => {
    // Day D: the latest UTC day whose 02:00 is past (02:00 UTC is 20:00 of the day before in Tegucigalpa).
    const now = new Date();
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2));
    if (d.getTime() > now.getTime() - 60_000) d.setUTCDate(d.getUTCDate() - 1);
    const day = d.toISOString().slice(0, 10);
    const [y, m, dd] = day.split('-');
    const dateOfBirth = `${Number(y) - 18}-${m}-${dd}`; // 18 on day D (a 29 February D is never chosen: rare)
    const tegucigalpa = await createCentre(t.http, t.adminToken, {
      regime: 'detention',
      timeZone: 'America/Tegucigalpa',
    });
    const officerThere = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [tegucigalpa.id]);
    const stay = await admit(t.http, officerThere.token, tegucigalpa.id, {
      person: { givenNames: 'Kevin', familyNames: 'Bonilla', sex: 'M', dateOfBirth },
      arrival: { at: `${day}T01:00:00Z` },
    });
    const before = [await count('screenings'), await count('referrals')];
    const refused = await screen(officerThere.token, stay.id, {
      interviewedAt: d.toISOString(),
      requestedPlacement: 'detention',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHILD_IN_DETENTION');
    expect(refused.body.details[0].field).toBe('requestedPlacement');
    expect([await count('screenings'), await count('referrals')]).toEqual(before);

    // Without the placement asked for, the screening records a 17-year-old child, placed in a shelter.
    const ok = await screen(officerThere.token, stay.id, { interviewedAt: d.toISOString() });
    expect(ok.status).toBe(201);
    expect(ok.body.screening).toMatchObject({ ageAtScreening: 17, child: true, placement: 'shelter' });
  });

  it("a screening waits for the accompanying adult's exit in progress, and treats the child as alone after it", async () => {
    const adult = await admit(t.http, officer.token, shelter.id, {
      person: { givenNames: 'Reina', familyNames: 'Choc', dateOfBirth: '1990-01-01' },
    });
    const child = await admit(t.http, officer.token, shelter.id, {
      person: { givenNames: 'Ixchel', familyNames: 'Choc', dateOfBirth: dateOfBirthForAge(9) },
      accompaniedBy: { stayId: adult.id, relationship: 'daughter' },
    });
    // The adult's exit holds their stay (as release does, FOR UPDATE) while the child's screening arrives.
    const exit = t.db.createQueryRunner();
    await exit.connect();
    try {
      await exit.startTransaction();
      await exit.query(`SELECT 1 FROM stays WHERE id = $1 FOR UPDATE`, [adult.id]);
      const screening = screen(officer.token, child.id, {}).then((r) => r);
      expect(await someoneWaitsForALock(t.db)).toBe(true);
      await exit.query(`UPDATE stays SET status = 'RELEASED', exited_at = now() WHERE id = $1`, [adult.id]);
      // The exit then writes the child's stay, as separation does: the screening waits on the adult's stay
      // before it locks the child's, so this does not wait (in the other order the two deadlocked).
      await exit.query(`SET LOCAL lock_timeout = '3s'`);
      await exit.query(`UPDATE stays SET unaccompanied = true, version = version + 1 WHERE id = $1`, [
        child.id,
      ]);
      await exit.commitTransaction();
      const res = await screening;
      expect(res.status).toBe(201);
      expect(res.body.screening.vulnerabilities).toContain('UNACCOMPANIED_OR_SEPARATED_CHILD');
    } finally {
      if (exit.isTransactionActive) await exit.rollbackTransaction();
      await exit.release();
    }
  });

  it('a request for consular assistance withdrawn at an amendment closes the consular referral not yet accepted', async () => {
    const stay = await admit(t.http, officer.token, shelter.id);
    const first = await screen(officer.token, stay.id, { consularAssistanceRequested: true });
    const consular = first.body.referrals.find((r: { type: string }) => r.type === 'CONSULAR');
    const sent = await t.http
      .patch(`/api/v1/referrals/${consular.id}`)
      .set(bearer(officer.token))
      .send({ status: 'SENT', note: 'Consulado, oficio 12', version: consular.version });
    expect(sent.status).toBe(200);
    // An amendment that leaves the field out is not the person taking the request back.
    const silent = await screen(officer.token, stay.id, { supersedes: first.body.screening.id });
    expect(silent.status).toBe(201);
    expect(silent.body.referrals.find((r: { type: string }) => r.type === 'CONSULAR').status).toBe('SENT');
    const amended = await screen(officer.token, stay.id, {
      consularAssistanceRequested: false,
      supersedes: silent.body.screening.id,
    });
    expect(amended.status).toBe(201);
    expect(amended.body.referrals.find((r: { type: string }) => r.type === 'CONSULAR')).toMatchObject({
      status: 'DECLINED',
      note: expect.stringContaining('withdrew the request for consular assistance'),
      statusChangedById: officer.id,
    });
    const [entry] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'referral.status' AND entity_id = $1 AND details->>'to' = 'DECLINED'`,
      [consular.id],
    );
    expect(entry.details).toMatchObject({ from: 'SENT', screeningId: amended.body.screening.id });
    // Asked again: the referral withdrawn is open again.
    const askedAgain = await screen(officer.token, stay.id, {
      consularAssistanceRequested: true,
      supersedes: amended.body.screening.id,
    });
    expect(askedAgain.body.referrals.find((r: { type: string }) => r.type === 'CONSULAR')).toMatchObject({
      status: 'PENDING',
      note: null,
    });
    // An amendment that says nothing new of it leaves a referral raised by hand alone.
    const other = await admit(t.http, officer.token, shelter.id);
    const plain = await screen(officer.token, other.id, {});
    const asked = await t.http
      .post(`/api/v1/stays/${other.id}/referrals`)
      .set(bearer(officer.token))
      .send({ type: 'CONSULAR', reason: 'Asked at the desk for the consul' });
    expect(asked.status).toBe(201);
    const again = await screen(officer.token, other.id, { supersedes: plain.body.screening.id });
    expect(again.body.referrals.find((r: { type: string }) => r.type === 'CONSULAR').status).toBe('PENDING');
  });
});
