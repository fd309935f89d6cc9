import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay } from '../factories/admissions';
import { issueWristband, tinyPng, verify, verifyIdentityForExit } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

const LEGAL_BASIS = 'Oficio INM/TAP/2026/0999';

describe('identity across a transfer: TRANSFER_OUT at the sending centre, TRANSFER_IN at the receiving one', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let managerA: TestUser;
  let officerB: TestUser;
  let managerB: TestUser;
  let officerAB: TestUser;
  let stay: AdmittedStay;
  let other: AdmittedStay;
  let band: string;
  let otherBand: string;
  let photoId: string;
  let transfer: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreB.id]);
    officerAB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id, centreB.id]);
    stay = await admit(t.http, officerA.token, centreA.id);
    other = await admit(t.http, officerA.token, centreA.id);
    band = (await issueWristband(t.http, officerA.token, stay.id)).qrPayload;
    otherBand = (await issueWristband(t.http, officerA.token, other.id)).qrPayload;
    photoId = (
      await t.http
        .post(`/api/v1/stays/${stay.id}/identity-photos`)
        .set(bearer(officerA.token))
        .attach('photo', tinyPng({ seed: 3 }), 'f.png')
    ).body.id;
  });
  afterAll(() => t.close());

  const requestTransfer = () =>
    t.http
      .post(`/api/v1/stays/${stay.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: centreB.id, legalBasis: LEGAL_BASIS, reason: 'Capacity' });
  const accept = () =>
    t.http
      .post(`/api/v1/transfers/${transfer.id}/accept`)
      .set(bearer(officerB.token))
      .send({ accommodationUnit: 'C-01', version: transfer.version });
  const codes = (res: { body: { details: { code: string }[] } }) => res.body.details.map((d) => d.code);

  const transferInChecks = async () =>
    Number(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM identity_verifications WHERE stay_id = $1 AND checkpoint = 'TRANSFER_IN'`,
          [stay.id],
        )
      )[0].n,
    );
  const verificationAudits = async () =>
    Number(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'identity.verification.create'`,
        )
      )[0].n,
    );

  it('the transfer request is blocked until identity is matched at TRANSFER_OUT', async () => {
    const blocked = await requestTransfer();
    expect(blocked.status).toBe(409);
    expect(codes(blocked)).toContain('IDENTITY_NOT_VERIFIED');
    // Before any transfer, the sending centre can record a TRANSFER_IN check of its own stay (the arrival check
    // of a stay a transfer opened): it is the sending centre's, and the acceptance below must not count it.
    const early = await verify(t.http, officerA.token, stay.id, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband'],
      presented: { wristbandCode: band },
    });
    expect(early.status).toBe(201);
    expect(early.body).toMatchObject({ result: 'MATCH', centreId: centreA.id });
    await verifyIdentityForExit(t.http, [officerA.token], stay.id, 'TRANSFER_OUT', band);
    const requested = await requestTransfer();
    expect(requested.status).toBe(201);
    transfer = requested.body;
  });

  it('before acceptance, the receiving centre sees the evidence and the photo of the incoming person, audited', async () => {
    const evidence = await t.http
      .get(`/api/v1/stays/${stay.id}/identity-evidence`)
      .set(bearer(officerB.token));
    expect(evidence.status).toBe(200);
    expect(evidence.body.photos).toEqual([expect.objectContaining({ id: photoId })]);
    const photo = await t.http.get(`/api/v1/identity-photos/${photoId}`).set(bearer(officerB.token));
    expect(photo.status).toBe(200);
    const [read] = await t.db.query(
      `SELECT actor_id FROM audit_events WHERE entity_id = $1 AND action = 'identity.photo.read'`,
      [photoId],
    );
    expect(read.actor_id).toBe(officerB.id);
    // The evidence read is audited too, in the chain of the stay's (sending) centre, with ids only.
    const evidenceReads = await t.db.query(
      `SELECT actor_id, centre_id, details FROM audit_events
        WHERE entity_id = $1 AND action = 'identity.evidence.read'`,
      [stay.id],
    );
    expect(evidenceReads).toEqual([
      expect.objectContaining({
        actor_id: officerB.id,
        centre_id: centreA.id,
        details: expect.objectContaining({ stayId: stay.id, photoIds: [photoId] }),
      }),
    ]);
    // Only at TRANSFER_IN: the receiving centre cannot record other checks or issue bands for the stay.
    const count = await verify(t.http, officerB.token, stay.id, {
      checkpoint: 'COUNT',
      methods: ['wristband'],
      presented: { wristbandCode: band },
    });
    expect(count.status).toBe(404);
    expect(
      (await t.http.post(`/api/v1/stays/${stay.id}/wristbands`).set(bearer(officerB.token)).send()).status,
    ).toBe(404);
    // Nor anything about the other, untransferred person.
    expect(
      (await t.http.get(`/api/v1/stays/${other.id}/identity-evidence`).set(bearer(officerB.token))).status,
    ).toBe(404);
  });

  it('while the transfer is pending, the sending centre cannot check TRANSFER_IN, and its check does not count', async () => {
    const checksBefore = await transferInChecks();
    const auditsBefore = await verificationAudits();
    for (const token of [officerA.token, managerA.token]) {
      const refused = await verify(t.http, token, stay.id, {
        checkpoint: 'TRANSFER_IN',
        methods: ['wristband'],
        presented: { wristbandCode: band },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'TRANSFER_IN_NOT_RECEIVING_CENTRE',
        details: [expect.objectContaining({ field: 'checkpoint' })],
      });
    }
    expect(await transferInChecks()).toBe(checksBefore);
    expect(await verificationAudits()).toBe(auditsBefore);
    // The sending centre's own TRANSFER_IN MATCH (recorded before the request, under centre A) is on the stay,
    // within the window: the receiving centre still cannot accept on it.
    const [{ n: sendingMatches }] = await t.db.query(
      `SELECT count(*)::int AS n FROM identity_verifications
        WHERE stay_id = $1 AND checkpoint = 'TRANSFER_IN' AND result = 'MATCH' AND centre_id = $2`,
      [stay.id, centreA.id],
    );
    expect(sendingMatches).toBe(1);
    const blocked = await accept();
    expect(blocked.status).toBe(409);
    expect(codes(blocked)).toEqual(['IDENTITY_NOT_VERIFIED']);
    // Other checkpoints stay open to the sending centre while the transfer is pending.
    const count = await verify(t.http, officerA.token, stay.id, {
      checkpoint: 'COUNT',
      methods: ['wristband'],
      presented: { wristbandCode: band },
    });
    expect(count.status).toBe(201);
  });

  it('an officer assigned to both centres checks TRANSFER_IN for the receiving centre', async () => {
    // The code typed without its signature: INCONCLUSIVE, so it neither opens the gate nor raises an alert.
    const typed = await verify(t.http, officerAB.token, stay.id, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband'],
      presented: { wristbandCode: band.split('.')[0] },
    });
    expect(typed.status).toBe(201);
    expect(typed.body).toMatchObject({ result: 'INCONCLUSIVE', centreId: centreB.id });
    expect(typed.body.alertId).toBeUndefined();
  });

  it('acceptance is blocked without a TRANSFER_IN match; a wrong band there alerts the receiving managers', async () => {
    const blocked = await accept();
    expect(blocked.status).toBe(409);
    expect(codes(blocked)).toEqual(['IDENTITY_NOT_VERIFIED']);

    const wrong = await verify(t.http, officerB.token, stay.id, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband'],
      presented: { wristbandCode: otherBand },
    });
    expect(wrong.status).toBe(201);
    expect(wrong.body).toMatchObject({
      result: 'MISMATCH',
      centreId: centreB.id,
      alertId: expect.any(String),
    });
    const alertsB = await t.http
      .get(`/api/v1/centres/${centreB.id}/identity-alerts`)
      .set(bearer(managerB.token));
    expect(alertsB.body).toEqual([
      expect.objectContaining({ id: wrong.body.alertId, checkpoint: 'TRANSFER_IN' }),
    ]);
    expect((await accept()).status).toBe(409);
  });

  it('a TRANSFER_IN match against the sending centre’s evidence lets the receiving centre accept', async () => {
    const ok = await verify(t.http, officerB.token, stay.id, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband', 'photo'],
      presented: { wristbandCode: band },
      officerAssessment: 'MATCH',
    });
    expect(ok.body).toMatchObject({ result: 'MATCH', reasons: ['WRISTBAND_MATCH'] });
    // The wrong band's alert (above) still stands: a match does not settle it, the receiving manager does.
    const alerted = await accept();
    expect(alerted.status).toBe(409);
    expect(codes(alerted)).toEqual(['IDENTITY_ALERT_OPEN']);
    const open = await t.http
      .get(`/api/v1/centres/${centreB.id}/identity-alerts?status=open`)
      .set(bearer(managerB.token));
    for (const alert of open.body as { id: string; version: number }[]) {
      const acknowledged = await t.http
        .post(`/api/v1/identity-alerts/${alert.id}/acknowledge`)
        .set(bearer(managerB.token))
        .send({ version: alert.version, note: 'Bands swapped at the desk; the right band matched.' });
      expect(acknowledged.status).toBe(200);
    }
    const accepted = await accept();
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');

    // After acceptance the old stay is closed: the receiving centre's special access ends with the transfer.
    const late = await verify(t.http, officerB.token, stay.id, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband'],
      presented: { wristbandCode: band },
    });
    expect(late.status).toBe(404);
    // On the new stay, the sending centre's band still identifies the person at TRANSFER_IN.
    const onNew = await verify(t.http, officerB.token, accepted.body.newStayId, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband'],
      presented: { wristbandCode: band },
    });
    expect(onNew.body).toMatchObject({ result: 'MATCH', reasons: ['WRISTBAND_SENDING_STAY_MATCH'] });
  });
});
