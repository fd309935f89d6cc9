import { ExitGateRegistry } from '../../src/admissions/gates/exit-gate.registry';
import { Role } from '../../src/auth/role.enum';
import { admit, dateOfBirthForAge, screen } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { verifyIdentityForExit } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

const LEGAL_BASIS = 'Resolución INM/TAP/2026/0412';

describe('the end of a stay: release, transfer, absconding and death', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let managerA: TestUser;
  let officerB: TestUser;
  let medicA: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    centreB = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    medicA = await createUser(t.http, t.adminToken, [Role.MedicalStaff], [centreA.id]);
  });
  afterAll(() => t.close());

  const getStay = (token: string, id: string) => t.http.get(`/api/v1/stays/${id}`).set(bearer(token));
  const release = (token: string, id: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/stays/${id}/release`).set(bearer(token)).send(body);
  const codes = (res: { body: { details: { code: string }[] } }) => res.body.details.map((d) => d.code);
  /** Centre A's manager asks for the stay to move to centre B. */
  const requestTransferToB = (stayId: string) =>
    t.http
      .post(`/api/v1/stays/${stayId}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: centreB.id, legalBasis: LEGAL_BASIS });
  // Identity is verified at RELEASE (two officers) and TRANSFER_OUT, so these tests see only their own gates.
  const bands = new Map<string, string>();
  const admitVerified: typeof admit = async (http, token, centreId, overrides) => {
    const stay = await admit(http, token, centreId, overrides);
    const band = await verifyIdentityForExit(http, [officerA.token, managerA.token], stay.id, 'RELEASE');
    await verifyIdentityForExit(http, [officerA.token], stay.id, 'TRANSFER_OUT', band);
    bands.set(stay.id, band);
    return stay;
  };

  it('release without a legal basis answers 409 naming the gate; with it, the stay is RELEASED', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    const blocked = await release(managerA.token, stay.id, { releaseTo: 'FAMILY', version: stay.version });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('EXIT_BLOCKED');
    expect(codes(blocked)).toEqual(['LEGAL_BASIS_MISSING']);
    expect(blocked.body.details[0].message).toEqual(expect.any(String));
    expect((await getStay(officerA.token, stay.id)).body.status).toBe('ACTIVE');
    // Audited by the exception filter once the release's transaction rolled back: by whom, in which request.
    const denied = await t.db.query(
      `SELECT details, actor_id AS "actorId", request_id AS "requestId" FROM audit_events
       WHERE entity_id = $1 AND action = 'stay.release' AND outcome = 'denied'`,
      [stay.id],
    );
    expect(denied).toEqual([
      {
        details: { gates: ['LEGAL_BASIS_MISSING'] },
        actorId: managerA.id,
        requestId: blocked.headers['x-request-id'],
      },
    ]);

    const readiness = await t.http
      .get(`/api/v1/stays/${stay.id}/release-readiness`)
      .query({ releaseTo: 'FAMILY', legalBasis: LEGAL_BASIS })
      .set(bearer(managerA.token));
    expect(readiness.body).toMatchObject({ ready: true, failures: [] });
    expect(readiness.body.gates).toEqual(
      expect.arrayContaining(['admissions.legal-basis', 'admissions.child-protection']),
    );

    const released = await release(managerA.token, stay.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: stay.version,
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      status: 'RELEASED',
      releaseTo: 'FAMILY',
      exitLegalBasis: LEGAL_BASIS,
      exitAuthorisedById: managerA.id,
      exitedAt: expect.any(String),
    });
    const audit = await t.db.query(
      `SELECT outcome FROM audit_events WHERE entity_id = $1 AND action = 'stay.release' ORDER BY seq`,
      [stay.id],
    );
    expect(audit.map((a: { outcome: string }) => a.outcome)).toEqual(['denied', 'success']);

    // RELEASED is read-only.
    const again = await release(managerA.token, stay.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: released.body.version,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('STAY_READ_ONLY');
    const screening = await screen(t.http, officerA.token, stay.id);
    expect(screening.status).toBe(409);
    const medical = await t.http
      .post(`/api/v1/stays/${stay.id}/medical-screening-done`)
      .set(bearer(medicA.token))
      .send({});
    expect(medical.status).toBe(409);
    const move = await t.http
      .patch(`/api/v1/stays/${stay.id}`)
      .set(bearer(officerA.token))
      .send({ accommodationUnit: 'C-01', version: released.body.version });
    expect(move.status).toBe(409);
    expect(move.body.code).toBe('STAY_READ_ONLY');
    // ...and the person can be admitted again.
    const back = await t.http
      .post('/api/v1/admissions')
      .set(bearer(officerA.token))
      .send({ centreId: centreA.id, personId: stay.personId, arrival: { at: new Date().toISOString() } });
    expect(back.status).toBe(201);
  });

  it('only a centre manager releases; a stale version answers 409; bad input answers 400', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    const body = { releaseTo: 'FAMILY', legalBasis: LEGAL_BASIS, version: stay.version };
    expect((await release(officerA.token, stay.id, body)).status).toBe(403);
    expect((await release(managerA.token, stay.id, { ...body, releaseTo: 'HOME' })).status).toBe(400);
    expect((await release(managerA.token, stay.id, { ...body, version: undefined })).status).toBe(400);
    expect((await release(managerA.token, stay.id, { ...body, legalBasis: 'x'.repeat(1001) })).status).toBe(
      400,
    );
    const stale = await release(managerA.token, stay.id, { ...body, version: stay.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await getStay(officerA.token, stay.id)).body).toMatchObject({
      status: 'ACTIVE',
      version: stay.version,
    });
  });

  it('gates of other modules plug into the registry, and every failure is reported at once', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    t.app.get(ExitGateRegistry).register({
      name: 'test.property',
      check: ({ stay: s }) =>
        Promise.resolve(
          s.id === stay.id ? [{ code: 'PROPERTY_NOT_RECONCILED', message: '2 items are still held' }] : [],
        ),
    });
    const res = await release(managerA.token, stay.id, { releaseTo: 'OTHER', version: stay.version });
    expect(res.status).toBe(409);
    expect(codes(res)).toEqual(['LEGAL_BASIS_MISSING', 'PROPERTY_NOT_RECONCILED']);
    const readiness = await t.http
      .get(`/api/v1/stays/${stay.id}/release-readiness`)
      .set(bearer(officerA.token));
    expect(readiness.body.failures.map((f: { code: string }) => f.code)).toEqual([
      'LEGAL_BASIS_MISSING',
      'AUTHORISING_MANAGER_MISSING',
      'PROPERTY_NOT_RECONCILED',
    ]);
  });

  it('a child with an open child protection referral is released only to that authority', async () => {
    const child = await admitVerified(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Génesis',
        familyNames: 'Rojas',
        dateOfBirth: dateOfBirthForAge(15),
        nationalities: ['VE'],
      },
    });
    const screened = await screen(t.http, officerA.token, child.id);
    expect(screened.body.referrals.map((r: { type: string }) => r.type)).toEqual(['CHILD_PROTECTION']);
    const toFamily = await release(managerA.token, child.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: child.version,
    });
    expect(toFamily.status).toBe(409);
    expect(codes(toFamily)).toEqual(['CHILD_PROTECTION_RELEASE_ONLY']);
    const toAuthority = await release(managerA.token, child.id, {
      releaseTo: 'CHILD_PROTECTION_AUTHORITY',
      legalBasis: LEGAL_BASIS,
      version: child.version,
    });
    expect(toAuthority.status).toBe(200);
    expect(toAuthority.body.status).toBe('RELEASED');
  });

  it("only a centre manager, with the authority's answer, records a declined child protection referral", async () => {
    const child = await admitVerified(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Ashly',
        familyNames: 'Ramos',
        dateOfBirth: dateOfBirthForAge(14),
        nationalities: ['HN'],
      },
    });
    const screened = await screen(t.http, officerA.token, child.id);
    const referral = screened.body.referrals.find((r: { type: string }) => r.type === 'CHILD_PROTECTION');
    const decline = (token: string, note?: string) =>
      t.http
        .patch(`/api/v1/referrals/${referral.id}`)
        .set(bearer(token))
        .send({ status: 'DECLINED', version: referral.version, ...(note === undefined ? {} : { note }) });
    for (const [token, note] of [
      [officerA.token, 'DINAF declined by phone'],
      [managerA.token, undefined],
    ] as const) {
      const refused = await decline(token, note);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('CHILD_PROTECTION_DECLINE');
    }
    const toFamily = () =>
      release(managerA.token, child.id, {
        releaseTo: 'FAMILY',
        legalBasis: LEGAL_BASIS,
        version: child.version,
      });
    expect(codes(await toFamily())).toEqual(['CHILD_PROTECTION_RELEASE_ONLY']);
    const declined = await decline(
      managerA.token,
      'DINAF case 2026-77: family assessed, no protection measure',
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'DECLINED', statusChangedById: managerA.id });
    expect((await toFamily()).status).toBe(200);
  });

  it('a child nobody has screened yet is released only to the child protection authority', async () => {
    const child = await admitVerified(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Kevin',
        familyNames: 'Ajú',
        dateOfBirth: dateOfBirthForAge(10),
        nationalities: ['GT'],
      },
    });
    const before = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`, [
      child.id,
    ]);
    const repatriated = await release(managerA.token, child.id, {
      releaseTo: 'REPATRIATION',
      legalBasis: LEGAL_BASIS,
      version: child.version,
    });
    expect(repatriated.status).toBe(409);
    expect(codes(repatriated)).toEqual(['CHILD_NOT_SCREENED']);
    // The refusal is audited (after its transaction rolled back), and nothing else was written.
    const refusals = await t.db.query(
      `SELECT action, outcome, details FROM audit_events WHERE entity_id = $1 AND outcome = 'denied'`,
      [child.id],
    );
    expect(refusals).toEqual([
      { action: 'stay.release', outcome: 'denied', details: { gates: ['CHILD_NOT_SCREENED'] } },
    ]);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`, [
      child.id,
    ]);
    expect(after[0].n).toBe(before[0].n + 1);
    expect((await getStay(officerA.token, child.id)).body.status).toBe('ACTIVE');
    const toAuthority = await release(managerA.token, child.id, {
      releaseTo: 'CHILD_PROTECTION_AUTHORITY',
      legalBasis: LEGAL_BASIS,
      version: child.version,
    });
    expect(toAuthority.status).toBe(200);
  });

  it('a date of birth corrected after the screening makes the person a child for the exit gates', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Dilan', familyNames: 'Mejía', dateOfBirth: '1994-01-01', nationalities: ['HN'] },
    });
    const screened = await screen(t.http, officerA.token, stay.id);
    expect(screened.body.screening).toMatchObject({ child: false });
    // Documents show a 15-year-old: the record is corrected and child protection is referred.
    await t.db.query(`UPDATE persons SET date_of_birth = $2 WHERE id = $1`, [
      stay.personId,
      dateOfBirthForAge(15),
    ]);
    const referred = await t.http
      .post(`/api/v1/stays/${stay.id}/referrals`)
      .set(bearer(officerA.token))
      .send({ type: 'CHILD_PROTECTION', reason: 'Birth certificate shows 15 years' });
    expect(referred.status).toBe(201);
    const toFamily = await release(managerA.token, stay.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: stay.version,
    });
    expect(toFamily.status).toBe(409);
    // The screening took them for an adult: nobody has screened this child as one yet.
    expect(codes(toFamily)).toEqual(['CHILD_NOT_SCREENED']);
  });

  it('transfer: gated request, the stay stays ACTIVE until the receiving centre accepts, then one ACTIVE stay there', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Sharmin',
        familyNames: 'Akter',
        nameOriginalScript: 'শারমিন আক্তার',
        nationalities: ['BD'],
      },
    });
    const screened = await screen(t.http, officerA.token, stay.id, { asylumIntent: true });
    const [asylum] = screened.body.referrals;
    const caseNote = 'COMAR folio 2026/3318';
    const sent = await t.http
      .patch(`/api/v1/referrals/${asylum.id}`)
      .set(bearer(officerA.token))
      .send({ status: 'SENT', note: caseNote, version: asylum.version });
    expect(sent.status).toBe(200);

    const byOfficer = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(officerA.token))
      .send({ toCentreId: centreB.id });
    expect(byOfficer.status).toBe(409);
    expect(codes(byOfficer)).toEqual(['LEGAL_BASIS_MISSING', 'AUTHORISING_MANAGER_MISSING']);
    const same = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: centreA.id, legalBasis: LEGAL_BASIS });
    expect(same.status).toBe(422);

    const requested = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: centreB.id, legalBasis: LEGAL_BASIS, reason: 'Capacity' });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'PENDING', authorisedById: managerA.id, newStayId: null });
    expect((await getStay(officerA.token, stay.id)).body.status).toBe('ACTIVE');
    const twice = await requestTransferToB(stay.id);
    expect(twice.status).toBe(409);
    const releaseWhilePending = await release(managerA.token, stay.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: stay.version,
    });
    expect(releaseWhilePending.body.code).toBe('TRANSFER_PENDING');

    // The receiving centre sees the incoming transfer with the person's identity fields.
    const incoming = await t.http
      .get(`/api/v1/centres/${centreB.id}/transfers`)
      .query({ status: 'PENDING' })
      .set(bearer(officerB.token));
    expect(incoming.body).toEqual([
      expect.objectContaining({
        id: requested.body.id,
        person: expect.objectContaining({ familyNames: 'Akter' }),
      }),
    ]);
    // The sending centre cannot accept its own transfer.
    const wrongSide = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(managerA.token))
      .send({ version: requested.body.version });
    expect(wrongSide.status).toBe(404);

    await verifyIdentityForExit(t.http, [officerB.token], stay.id, 'TRANSFER_IN', bands.get(stay.id));
    const accepted = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ accommodationUnit: 'C-03', version: requested.body.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', decidedById: officerB.id });
    const old = await getStay(officerA.token, stay.id);
    expect(old.body).toMatchObject({ status: 'TRANSFERRED', exitLegalBasis: LEGAL_BASIS });
    const fresh = await getStay(officerB.token, accepted.body.newStayId);
    expect(fresh.body).toMatchObject({
      status: 'ACTIVE',
      centreId: centreB.id,
      personId: stay.personId,
      accommodationUnit: 'C-03',
    });
    const active = await t.db.query(
      `SELECT centre_id FROM stays WHERE person_id = $1 AND status = 'ACTIVE'`,
      [stay.personId],
    );
    expect(active).toEqual([{ centre_id: centreB.id }]);
    // The open asylum referral follows the person, with the case reference the authority gave.
    const referrals = await t.http
      .get(`/api/v1/stays/${accepted.body.newStayId}/referrals`)
      .set(bearer(officerB.token));
    expect(referrals.body).toEqual([
      expect.objectContaining({
        type: 'ASYLUM_AUTHORITY',
        status: 'SENT',
        note: caseNote,
        statusChangedById: officerA.id,
      }),
    ]);
    const [carried] = await t.db.query(
      `SELECT centre_id, details FROM audit_events WHERE action = 'referral.carry-over' AND entity_id = $1`,
      [referrals.body[0].id],
    );
    expect(carried).toMatchObject({
      centre_id: centreB.id,
      details: { fromStayId: stay.id, type: 'ASYLUM_AUTHORITY', status: 'SENT' },
    });
    // TRANSFERRED is read-only; an accepted transfer cannot be accepted again.
    const write = await t.http
      .post(`/api/v1/stays/${stay.id}/referrals`)
      .set(bearer(officerA.token))
      .send({ type: 'CONSULAR', reason: 'asked' });
    expect(write.status).toBe(409);
    const reaccept = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: accepted.body.version });
    expect(reaccept.status).toBe(409);
  });

  it('a child is not transferred into a detention centre', async () => {
    const detention = await createCentre(t.http, t.adminToken, { regime: 'detention' });
    const officerD = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [detention.id]);
    const child = await admitVerified(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Ixchel',
        familyNames: 'Tzoc',
        dateOfBirth: dateOfBirthForAge(13),
        nationalities: ['GT'],
      },
    });
    // Refused when the sending centre asks (it need not be assigned to the detention centre to be told)...
    const requested = await t.http
      .post(`/api/v1/stays/${child.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: detention.id, legalBasis: LEGAL_BASIS });
    expect(requested.status).toBe(409);
    expect(codes(requested)).toEqual(['CHILD_TO_ADULT_REGIME']);
    // ... with no "access denied" entry in the detention centre's chain: nobody reached for its records.
    const denied = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'centre.access_denied' AND centre_id = $1`,
      [detention.id],
    );
    expect(denied[0].n).toBe(0);
    // ... and when the receiving centre accepts a transfer requested before the child was known to be one.
    await t.db.query(`UPDATE persons SET date_of_birth = $2 WHERE id = $1`, [
      child.personId,
      dateOfBirthForAge(30),
    ]);
    const asAdult = await t.http
      .post(`/api/v1/stays/${child.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: detention.id, legalBasis: LEGAL_BASIS });
    expect(asAdult.status).toBe(201);
    await t.db.query(`UPDATE persons SET date_of_birth = $2 WHERE id = $1`, [
      child.personId,
      dateOfBirthForAge(13),
    ]);
    await verifyIdentityForExit(t.http, [officerD.token], child.id, 'TRANSFER_IN', bands.get(child.id));
    const accepted = await t.http
      .post(`/api/v1/transfers/${asAdult.body.id}/accept`)
      .set(bearer(officerD.token))
      .send({ version: asAdult.body.version });
    expect(accepted.status).toBe(409);
    expect(codes(accepted)).toEqual(['CHILD_TO_ADULT_REGIME']);
    expect((await getStay(officerA.token, child.id)).body.status).toBe('ACTIVE');
  });

  it("a person 18 today where they leave but 17 at the receiving centre's date is not transferred into detention", async () => {
    // UTC+14 and UTC-11: the receiving centre's date is always a day or two behind the sending one's.
    const east = await createCentre(t.http, t.adminToken, { timeZone: 'Pacific/Kiritimati' });
    const west = await createCentre(t.http, t.adminToken, {
      regime: 'detention',
      timeZone: 'Pacific/Pago_Pago',
    });
    const [officer, manager] = await Promise.all([
      createUser(t.http, t.adminToken, [Role.IntakeOfficer], [east.id]),
      createUser(t.http, t.adminToken, [Role.CentreManager], [east.id]),
    ]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    const eighteenToday = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
    const stay = await admit(t.http, officer.token, east.id, { person: { dateOfBirth: eighteenToday } });
    expect(stay.child).toBe(false);
    const requested = await t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(manager.token))
      .send({ toCentreId: west.id, legalBasis: LEGAL_BASIS });
    expect(requested.status).toBe(409);
    expect(codes(requested)).toContain('CHILD_TO_ADULT_REGIME');
  });

  it('a child by date of birth whose claim a manager withdrew is still not transferred into detention', async () => {
    const detention = await createCentre(t.http, t.adminToken, { regime: 'detention' });
    const child = await admitVerified(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Brayan', familyNames: 'Cuc', dateOfBirth: dateOfBirthForAge(16) },
      claimedChild: true,
    });
    const reason = 'The claim is superseded by the date of birth on record';
    const screened = await t.http
      .post(`/api/v1/stays/${child.id}/screening`)
      .set(bearer(managerA.token))
      .send({
        vulnerabilities: [],
        riskIndicators: [],
        asylumIntent: false,
        traffickingIndicators: [],
        claimedChild: false,
        override: { reason },
      });
    expect(screened.status).toBe(201);
    // The reason withdrew the claim; it placed nobody in detention.
    expect(screened.body.screening).toMatchObject({
      child: true,
      placement: 'shelter',
      overrideReason: null,
      claimWithdrawalReason: reason,
      claimWithdrawnById: managerA.id,
    });
    const requested = await t.http
      .post(`/api/v1/stays/${child.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: detention.id, legalBasis: LEGAL_BASIS });
    expect(requested.status).toBe(409);
    expect(codes(requested)).toEqual(['CHILD_TO_ADULT_REGIME']);
    // The database holds the rule too: an override reason only where it placed a child in an adult regime.
    await expect(
      t.db.query(`UPDATE screenings SET override_reason = 'x', override_by_id = $2 WHERE id = $1`, [
        screened.body.screening.id,
        managerA.id,
      ]),
    ).rejects.toThrow(/CHK_screenings_override_places_child/);
  });

  it('a child transferred alone is referred to child protection at the receiving centre, whatever was declined before', async () => {
    const child = await admitVerified(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Heidy', familyNames: 'Caal', dateOfBirth: dateOfBirthForAge(15) },
    });
    const screened = await screen(t.http, officerA.token, child.id);
    const referral = screened.body.referrals.find((r: { type: string }) => r.type === 'CHILD_PROTECTION');
    const declined = await t.http
      .patch(`/api/v1/referrals/${referral.id}`)
      .set(bearer(managerA.token))
      .send({ status: 'DECLINED', version: referral.version, note: 'DINAF: aunt on her way' });
    expect(declined.status).toBe(200);
    const requested = await requestTransferToB(child.id);
    expect(requested.status).toBe(201);
    await verifyIdentityForExit(t.http, [officerB.token], child.id, 'TRANSFER_IN', bands.get(child.id));
    const accepted = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: requested.body.version });
    expect(accepted.status).toBe(200);
    const atB = await t.http
      .get(`/api/v1/stays/${accepted.body.newStayId}/referrals`)
      .set(bearer(officerB.token));
    expect(atB.body).toEqual([
      expect.objectContaining({
        type: 'CHILD_PROTECTION',
        status: 'PENDING',
        reasons: ['CHILD', 'UNACCOMPANIED_OR_SEPARATED_CHILD'],
      }),
    ]);
  });

  it('a transfer keeps an overdue medical screening overdue, at the receiving centre', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    await t.db.query(`UPDATE stays SET medical_screening_due_at = now() - interval '2 hours' WHERE id = $1`, [
      stay.id,
    ]);
    const [{ due }] = await t.db.query(`SELECT medical_screening_due_at AS due FROM stays WHERE id = $1`, [
      stay.id,
    ]);
    const requested = await requestTransferToB(stay.id);
    expect(requested.status).toBe(201);
    await verifyIdentityForExit(t.http, [officerB.token], stay.id, 'TRANSFER_IN', bands.get(stay.id));
    const accepted = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: requested.body.version });
    expect(accepted.status).toBe(200);
    const [fresh] = await t.db.query(
      `SELECT medical_screening_due_at AS due, medical_screening_done_at AS done FROM stays WHERE id = $1`,
      [accepted.body.newStayId],
    );
    expect(fresh).toEqual({ due, done: null });
    const overdue = await t.http
      .get(`/api/v1/centres/${centreB.id}/overdue-medical-screenings`)
      .set(bearer(officerB.token));
    expect(overdue.status).toBe(200);
    expect(overdue.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ stayId: accepted.body.newStayId })]),
    );
  });

  it('a child left behind when the accompanying adult leaves is flagged unaccompanied, and audited', async () => {
    const adult = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Marlen', familyNames: 'Ortiz', dateOfBirth: '1990-05-05' },
    });
    const child = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Yeimi', familyNames: 'Ortiz', dateOfBirth: dateOfBirthForAge(8) },
      accompaniedBy: { stayId: adult.id, relationship: 'daughter' },
    });
    expect(child).toMatchObject({ child: true, unaccompanied: false });
    const occupancy = async () =>
      (await t.http.get(`/api/v1/centres/${centreA.id}/occupancy`).set(bearer(managerA.token))).body
        .unaccompaniedChildren as number;
    const before = await occupancy();
    const gone = await t.http
      .post(`/api/v1/stays/${adult.id}/exit`)
      .set(bearer(managerA.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: adult.version });
    expect(gone.status).toBe(200);
    expect((await getStay(officerA.token, child.id)).body).toMatchObject({
      unaccompanied: true,
      accompaniedByStayId: adult.id,
    });
    expect(await occupancy()).toBe(before + 1);
    const [audited] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'stay.separated' AND entity_id = $1`,
      [child.id],
    );
    expect(audited.details).toEqual({ accompaniedByStayId: adult.id, adultStayStatus: 'ABSCONDED' });
    // Child protection is asked at once, before anyone screens her again, as a screening would ask.
    const referrals = await t.http.get(`/api/v1/stays/${child.id}/referrals`).set(bearer(officerA.token));
    expect(referrals.body).toEqual([
      expect.objectContaining({
        type: 'CHILD_PROTECTION',
        status: 'PENDING',
        reasons: ['CHILD', 'UNACCOMPANIED_OR_SEPARATED_CHILD'],
      }),
    ]);
    // The authority answers about a child alone; her screening then asks nothing new and leaves the answer.
    const declined = await t.http
      .patch(`/api/v1/referrals/${referrals.body[0].id}`)
      .set(bearer(managerA.token))
      .send({ status: 'DECLINED', version: referrals.body[0].version, note: 'DINAF: grandmother takes her' });
    expect(declined.status).toBe(200);
    // Her screening treats her as a separated child, and keeps the flag.
    const screened = await screen(t.http, officerA.token, child.id);
    expect(screened.status).toBe(201);
    expect(screened.body.screening.vulnerabilities).toEqual(['UNACCOMPANIED_OR_SEPARATED_CHILD']);
    expect(screened.body.referrals).toEqual([
      expect.objectContaining({
        type: 'CHILD_PROTECTION',
        status: 'DECLINED',
        note: 'DINAF: grandmother takes her',
      }),
    ]);
    expect((await getStay(officerA.token, child.id)).body.unaccompanied).toBe(true);
  });

  it('a child protection referral declined while the child was accompanied is reopened when the adult leaves', async () => {
    const mother = await admitVerified(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Glenda', familyNames: 'Mejía', sex: 'F', dateOfBirth: '1991-02-14' },
    });
    const son = await admitVerified(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Brayan', familyNames: 'Mejía', sex: 'M', dateOfBirth: dateOfBirthForAge(12) },
      accompaniedBy: { stayId: mother.id, relationship: 'son' },
    });
    // Screened as separated already (his mother is not his guardian, say): the authority declines all the same.
    const screened = await screen(t.http, officerA.token, son.id, {
      vulnerabilities: ['UNACCOMPANIED_OR_SEPARATED_CHILD'],
    });
    const referral = screened.body.referrals.find((r: { type: string }) => r.type === 'CHILD_PROTECTION');
    expect(referral.reasons).toEqual(['CHILD', 'UNACCOMPANIED_OR_SEPARATED_CHILD']);
    const declineNote = 'DINAF case 2026-91: with his mother, no protection measure';
    const declined = await t.http
      .patch(`/api/v1/referrals/${referral.id}`)
      .set(bearer(managerA.token))
      .send({ status: 'DECLINED', version: referral.version, note: declineNote });
    expect(declined.status).toBe(200);

    const motherNow = (await getStay(officerA.token, mother.id)).body;
    const released = await release(managerA.token, mother.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: motherNow.version,
    });
    expect(released.status).toBe(200);

    // Alone now: the authority is asked again, and he leaves only to it.
    const [reopened] = (await t.http.get(`/api/v1/stays/${son.id}/referrals`).set(bearer(officerA.token)))
      .body;
    expect(reopened).toMatchObject({
      id: referral.id,
      status: 'PENDING',
      reasons: ['CHILD', 'UNACCOMPANIED_OR_SEPARATED_CHILD'],
      note: null,
    });
    const sonNow = (await getStay(officerA.token, son.id)).body;
    const toFamily = await release(managerA.token, son.id, {
      releaseTo: 'FAMILY',
      legalBasis: LEGAL_BASIS,
      version: sonNow.version,
    });
    expect(codes(toFamily)).toEqual(['CHILD_PROTECTION_RELEASE_ONLY']);
    const [audited] = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'referral.reopen' AND entity_id = $1`,
      [referral.id],
    );
    // Nothing new among the reasons: the adult's leaving alone reopens it.
    expect(audited.details).toMatchObject({
      stayId: son.id,
      type: 'CHILD_PROTECTION',
      added: [],
      declined: { note: declineNote, by: managerA.id },
    });
  });

  it('a transfer can be rejected by the receiving centre or cancelled by the sending centre', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    const ask = () => requestTransferToB(stay.id);
    const first = await ask();
    const rejected = await t.http
      .post(`/api/v1/transfers/${first.body.id}/reject`)
      .set(bearer(officerB.token))
      .send({ reason: 'No capacity this week', version: first.body.version });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decisionNote: 'No capacity this week' });
    const second = await ask();
    expect(second.status).toBe(201);
    const notMine = await t.http
      .post(`/api/v1/transfers/${second.body.id}/cancel`)
      .set(bearer(officerB.token))
      .send({ reason: 'no', version: second.body.version });
    expect(notMine.status).toBe(404);
    const cancelled = await t.http
      .post(`/api/v1/transfers/${second.body.id}/cancel`)
      .set(bearer(officerA.token))
      .send({ reason: 'Court hearing moved here', version: second.body.version });
    expect(cancelled.body.status).toBe('CANCELLED');
    expect((await getStay(officerA.token, stay.id)).body.status).toBe('ACTIVE');
  });

  it("a pending transfer is cancelled when the person absconds, and the receiving centre's chain says so", async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    const requested = await requestTransferToB(stay.id);
    expect(requested.status).toBe(201);
    const current = (await getStay(officerA.token, stay.id)).body;
    const gone = await t.http
      .post(`/api/v1/stays/${stay.id}/exit`)
      .set(bearer(managerA.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: current.version });
    expect(gone.status).toBe(200);
    const transfer = await t.http.get(`/api/v1/transfers/${requested.body.id}`).set(bearer(officerB.token));
    expect(transfer.body.status).toBe('CANCELLED');
    const inB = await t.db.query(
      `SELECT actor_id AS "actorId", details FROM audit_events
       WHERE entity_id = $1 AND action = 'transfer.cancel' AND centre_id = $2`,
      [requested.body.id, centreB.id],
    );
    expect(inB).toEqual([{ actorId: managerA.id, details: { stayId: stay.id, cause: 'stay.absconded' } }]);
  });

  it('an exit racing a reject of the same transfer never overwrites the reject', async () => {
    for (let round = 0; round < 5; round++) {
      const stay = await admitVerified(t.http, officerA.token, centreA.id);
      const requested = await requestTransferToB(stay.id);
      expect(requested.status).toBe(201);
      const current = (await getStay(officerA.token, stay.id)).body;
      const [rejected, gone] = await Promise.all([
        t.http
          .post(`/api/v1/transfers/${requested.body.id}/reject`)
          .set(bearer(officerB.token))
          .send({ reason: 'No capacity this week', version: requested.body.version }),
        t.http
          .post(`/api/v1/stays/${stay.id}/exit`)
          .set(bearer(managerA.token))
          .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: current.version }),
      ]);
      expect(gone.status).toBe(200);
      const transfer = await t.http.get(`/api/v1/transfers/${requested.body.id}`).set(bearer(officerB.token));
      const decisions = await t.db.query(
        `SELECT action FROM audit_events WHERE entity_id = $1 AND action IN ('transfer.reject', 'transfer.cancel')`,
        [requested.body.id],
      );
      // One decision, and the one the answers told.
      expect(decisions).toHaveLength(1);
      expect(transfer.body.status).toBe(rejected.status === 200 ? 'REJECTED' : 'CANCELLED');
    }
  });

  it('ABSCONDED and DECEASED: manager only, with a report, not gated', async () => {
    const stay = await admitVerified(t.http, officerA.token, centreA.id);
    const exit = (token: string, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/stays/${stay.id}/exit`).set(bearer(token)).send(body);
    expect(
      (await exit(officerA.token, { outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: 1 }))
        .status,
    ).toBe(403);
    expect((await exit(managerA.token, { outcome: 'ABSCONDED', version: 1 })).status).toBe(400);
    expect(
      (await exit(managerA.token, { outcome: 'RELEASED', report: 'Missing at the 06:00 count', version: 1 }))
        .status,
    ).toBe(400);
    const res = await exit(managerA.token, {
      outcome: 'ABSCONDED',
      report: 'Missing at the 06:00 count; last seen at 23:30 in unit B',
      version: stay.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ABSCONDED', exitAuthorisedById: managerA.id });
  });
});
