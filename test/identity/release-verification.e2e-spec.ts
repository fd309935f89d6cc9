import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit, AdmittedStay } from '../factories/admissions';
import {
  addDocument,
  issueWristband,
  releaseCheck,
  verify,
  verifyIdentityForExit,
} from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

describe('identity verification at release (two women named Ana López)', () => {
  let t: TestApp;
  let centre: { id: string };
  let other: { id: string };
  let officer1: TestUser;
  let officer2: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let ana1: AdmittedStay;
  let ana2: AdmittedStay;
  let band1: { code: string; qrPayload: string };
  let band2: { code: string; qrPayload: string };

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken);
    other = await createCentre(t.http, t.adminToken);
    officer1 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    officer2 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
    outsider = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [other.id]);
    const ana = { givenNames: 'Ana', familyNames: 'López', nationalities: ['HN'] };
    ana1 = await admit(t.http, officer1.token, centre.id, { person: { ...ana, dateOfBirth: '1990-05-01' } });
    ana2 = await admit(t.http, officer1.token, centre.id, { person: { ...ana, dateOfBirth: '1992-08-15' } });
    band1 = await issueWristband(t.http, officer1.token, ana1.id);
    band2 = await issueWristband(t.http, officer1.token, ana2.id);
    await addDocument(t.http, officer1.token, ana1.id, { number: 'G 111-222' });
  });
  afterAll(() => t.close());

  const readiness = async (stayId: string, kind = 'RELEASE') => {
    const res = await t.http
      .get(`/api/v1/stays/${stayId}/release-readiness`)
      .query({ kind })
      .set(bearer(manager.token));
    expect(res.status).toBe(200);
    return (res.body.failures as { code: string }[]).map((f) => f.code);
  };
  const count = async (table: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('release is blocked until identity is verified', async () => {
    expect(await readiness(ana1.id)).toContain('IDENTITY_NOT_VERIFIED');
  });

  it("releasing Ana 1 while presenting Ana 2's wristband is a MISMATCH with an alert, whatever the officer says", async () => {
    const res = await verify(
      t.http,
      officer1.token,
      ana1.id,
      releaseCheck({ wristbandCode: band2.qrPayload }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      result: 'MISMATCH',
      officerAssessment: 'MATCH',
      findings: { wristband: 'OTHER_STAY' },
      reasons: ['WRISTBAND_OTHER_STAY'],
      alertId: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain(band2.qrPayload);

    const alerts = await t.http
      .get(`/api/v1/centres/${centre.id}/identity-alerts`)
      .set(bearer(manager.token));
    expect(alerts.status).toBe(200);
    expect(alerts.body).toEqual([
      expect.objectContaining({
        id: res.body.alertId,
        stayId: ana1.id,
        checkpoint: 'RELEASE',
        status: 'open',
        reasons: ['WRISTBAND_OTHER_STAY'],
      }),
    ]);
    const audit = await t.db.query(
      `SELECT action, details->>'result' AS result FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY seq`,
      [res.body.id, res.body.alertId],
    );
    expect(audit).toEqual([
      { action: 'identity.verification.create', result: 'MISMATCH' },
      { action: 'identity.alert.raise', result: null },
    ]);
    expect(await readiness(ana1.id)).toContain('IDENTITY_NOT_VERIFIED');
  });

  it('officers do not see the alert list; another centre answers 404', async () => {
    const denied = await t.http
      .get(`/api/v1/centres/${centre.id}/identity-alerts`)
      .set(bearer(officer1.token));
    expect(denied.status).toBe(403);
    const otherManager = await createUser(t.http, t.adminToken, [Role.CentreManager], [other.id]);
    const hidden = await t.http
      .get(`/api/v1/centres/${centre.id}/identity-alerts`)
      .set(bearer(otherManager.token));
    expect(hidden.status).toBe(404);
  });

  it('one officer verifying twice is not enough; two different officers let the release through', async () => {
    const first = await verify(
      t.http,
      officer1.token,
      ana1.id,
      releaseCheck({ wristbandCode: band1.qrPayload, answers: { dateOfBirth: '1990-05-01' } }),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      result: 'MATCH',
      reasons: ['WRISTBAND_MATCH', 'DATE_OF_BIRTH_MATCH'],
    });
    expect(first.body.alertId).toBeUndefined();
    const again = await verify(
      t.http,
      officer1.token,
      ana1.id,
      releaseCheck({ wristbandCode: band1.qrPayload }),
    );
    expect(again.body.result).toBe('MATCH');
    expect(await readiness(ana1.id)).toContain('IDENTITY_NOT_VERIFIED');

    const second = await verify(
      t.http,
      officer2.token,
      ana1.id,
      releaseCheck(
        { wristbandCode: band1.qrPayload, documentNumber: 'g111222' },
        { methods: ['wristband', 'document', 'photo'] },
      ),
    );
    expect(second.body).toMatchObject({ result: 'MATCH', findings: { document: 'ON_RECORD' } });
    expect(await readiness(ana1.id)).not.toContain('IDENTITY_NOT_VERIFIED');
  });

  it('a later MISMATCH voids earlier matches; verifications older than the window do not count', async () => {
    const wrongDob = await verify(
      t.http,
      officer2.token,
      ana1.id,
      releaseCheck({ wristbandCode: band1.qrPayload, answers: { dateOfBirth: '1992-08-15' } }),
    );
    expect(wrongDob.body).toMatchObject({
      result: 'MISMATCH',
      reasons: ['WRISTBAND_MATCH', 'DATE_OF_BIRTH_MISMATCH'],
    });
    expect(await readiness(ana1.id)).toContain('IDENTITY_NOT_VERIFIED');

    // Two fresh matches, then pushed back beyond the 60-minute window.
    for (const officer of [officer1, officer2]) {
      const r = await verify(
        t.http,
        officer.token,
        ana1.id,
        releaseCheck({ wristbandCode: band1.qrPayload }),
      );
      expect(r.body.result).toBe('MATCH');
    }
    expect(await readiness(ana1.id)).not.toContain('IDENTITY_NOT_VERIFIED');
    await t.db.query(
      `UPDATE identity_verifications SET verified_at = verified_at - interval '61 minutes' WHERE stay_id = $1`,
      [ana1.id],
    );
    expect(await readiness(ana1.id)).toContain('IDENTITY_NOT_VERIFIED');
  });

  it('a document number not on record is a MISMATCH; the photo judgement alone is INCONCLUSIVE', async () => {
    const doc = await verify(t.http, officer1.token, ana1.id, {
      checkpoint: 'COUNT',
      methods: ['document'],
      presented: { documentNumber: 'X9999999' },
    });
    expect(doc.body).toMatchObject({ result: 'MISMATCH', reasons: ['DOCUMENT_NOT_ON_RECORD'] });
    expect(doc.body.alertId).toBeUndefined(); // a head count is not an exit: no alert

    const photo = await verify(t.http, officer1.token, ana1.id, {
      checkpoint: 'COUNT',
      methods: ['photo'],
      presented: {},
      officerAssessment: 'MATCH',
    });
    expect(photo.body).toMatchObject({ result: 'INCONCLUSIVE', reasons: ['NO_CHECKABLE_EVIDENCE'] });

    const lowered = await verify(t.http, officer1.token, ana1.id, {
      checkpoint: 'COUNT',
      methods: ['wristband', 'photo'],
      presented: { wristbandCode: band1.qrPayload },
      officerAssessment: 'INCONCLUSIVE',
    });
    expect(lowered.body).toMatchObject({
      result: 'INCONCLUSIVE',
      reasons: ['WRISTBAND_MATCH', 'OFFICER_INCONCLUSIVE'],
    });
  });

  it.each([
    ['wristbandCode', { wristbandCode: null }],
    ['documentNumber', { documentNumber: null }],
    ['fingerprintMatchScore', { fingerprintMatchScore: null }],
    ['answers.dateOfBirth', { answers: { dateOfBirth: null } }],
  ])('presented.%s sent as null answers 400 and records nothing', async (field, presented) => {
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM identity_verifications`);
    const res = await verify(t.http, officer1.token, ana1.id, {
      checkpoint: 'COUNT',
      methods: ['wristband', 'document', 'fingerprint', 'questions'],
      presented,
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: `presented.${field}` })]),
    );
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM identity_verifications`);
    expect(after).toBe(before);
  });

  it('a mismatch at TRANSFER_OUT alerts too; one MATCH there opens the transfer gate', async () => {
    expect(await readiness(ana2.id, 'TRANSFER_OUT')).toContain('IDENTITY_NOT_VERIFIED');
    const bad = await verify(t.http, officer1.token, ana2.id, {
      checkpoint: 'TRANSFER_OUT',
      methods: ['wristband'],
      presented: { wristbandCode: band1.qrPayload },
    });
    expect(bad.body).toMatchObject({ result: 'MISMATCH', alertId: expect.any(String) });
    const good = await verify(t.http, officer1.token, ana2.id, {
      checkpoint: 'TRANSFER_OUT',
      methods: ['wristband'],
      presented: { wristbandCode: band2.qrPayload },
    });
    expect(good.body.result).toBe('MATCH');
    expect(await readiness(ana2.id, 'TRANSFER_OUT')).not.toContain('IDENTITY_NOT_VERIFIED');
  });

  it('reissuing a wristband revokes the old code: a scan says REVOKED and a verification with it is a MISMATCH', async () => {
    const old = band2;
    const fresh = await issueWristband(t.http, officer1.token, ana2.id);
    expect(fresh.revokedPrevious).toBe(1);
    expect(fresh.code).not.toBe(old.code);
    const active = await t.db.query(
      `SELECT count(*)::int AS n FROM wristbands WHERE stay_id = $1 AND revoked_at IS NULL`,
      [ana2.id],
    );
    expect(active[0].n).toBe(1);

    const scanOld = await t.http
      .post('/api/v1/wristbands/check')
      .set(bearer(officer1.token))
      .send({ scanned: old.qrPayload });
    expect(scanOld.body).toMatchObject({ status: 'REVOKED', stayId: ana2.id });
    const scanNew = await t.http
      .post('/api/v1/wristbands/check')
      .set(bearer(officer1.token))
      .send({ scanned: fresh.qrPayload });
    expect(scanNew.body).toMatchObject({ status: 'VALID', stayId: ana2.id, personId: ana2.personId });
    const forged = await t.http
      .post('/api/v1/wristbands/check')
      .set(bearer(officer1.token))
      .send({ scanned: `${fresh.code}.AAAAAAAAAAAAAAAA` });
    expect(forged.body.status).toBe('INVALID');
    const typed = await t.http
      .post('/api/v1/wristbands/check')
      .set(bearer(officer1.token))
      .send({ scanned: fresh.code });
    expect(typed.body.status).toBe('UNSIGNED');
    // Another centre's officer learns nothing from scanning it.
    const outside = await t.http
      .post('/api/v1/wristbands/check')
      .set(bearer(outsider.token))
      .send({ scanned: fresh.qrPayload });
    expect(outside.body).toEqual({ status: 'INVALID', stayId: null, personId: null, centreId: null });

    const v = await verify(t.http, officer1.token, ana2.id, {
      checkpoint: 'COUNT',
      methods: ['wristband'],
      presented: { wristbandCode: old.qrPayload },
    });
    expect(v.body).toMatchObject({ result: 'MISMATCH', reasons: ['WRISTBAND_REVOKED'] });
    const audit = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [
      (await t.db.query(`SELECT id FROM wristbands WHERE code = $1`, [fresh.code]))[0].id,
    ]);
    expect(audit).toEqual([{ action: 'identity.wristband.reissue' }]);
  });

  it('verifyIdentityForExit (the factory other modules use) satisfies the release gate', async () => {
    const stay = await admit(t.http, officer1.token, centre.id);
    expect(await readiness(stay.id)).toContain('IDENTITY_NOT_VERIFIED');
    await verifyIdentityForExit(t.http, [officer1.token, manager.token], stay.id);
    expect(await readiness(stay.id)).not.toContain('IDENTITY_NOT_VERIFIED');
  });

  it('the release itself: refused with IDENTITY_NOT_VERIFIED, then let through after a double verification', async () => {
    const stay = await admit(t.http, officer1.token, centre.id);
    const body = { releaseTo: 'FAMILY', legalBasis: 'Resolución INM-2026-0412', version: stay.version };
    const refused = await t.http
      .post(`/api/v1/stays/${stay.id}/release`)
      .set(bearer(manager.token))
      .send(body);
    expect(refused.status).toBe(409);
    expect(refused.body.details.map((d: { code: string }) => d.code)).toEqual(['IDENTITY_NOT_VERIFIED']);
    await verifyIdentityForExit(t.http, [officer1.token, officer2.token], stay.id);
    const released = await t.http
      .post(`/api/v1/stays/${stay.id}/release`)
      .set(bearer(manager.token))
      .send(body);
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('RELEASED');
  });

  it('a manager acknowledges an alert once, with the current version', async () => {
    const [alert] = (
      await t.http.get(`/api/v1/centres/${centre.id}/identity-alerts?status=open`).set(bearer(manager.token))
    ).body;
    const stale = await t.http
      .post(`/api/v1/identity-alerts/${alert.id}/acknowledge`)
      .set(bearer(manager.token))
      .send({ version: alert.version + 1, note: 'checked' });
    expect(stale.status).toBe(409);
    const ok = await t.http
      .post(`/api/v1/identity-alerts/${alert.id}/acknowledge`)
      .set(bearer(manager.token))
      .send({
        version: alert.version,
        note: 'Bands swapped at breakfast; both women re-checked against photos.',
      });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'acknowledged', acknowledgedById: manager.id });
    const again = await t.http
      .post(`/api/v1/identity-alerts/${alert.id}/acknowledge`)
      .set(bearer(manager.token))
      .send({ version: ok.body.version, note: 'again' });
    expect(again.status).toBe(409);
    const audit = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [
      alert.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'identity.alert.raise',
      'identity.alert.acknowledge',
    ]);
  });

  describe('bad input answers 4xx and writes nothing', () => {
    it.each([
      [
        'unknown checkpoint',
        { checkpoint: 'EXIT', methods: ['wristband'], presented: { wristbandCode: 'X' } },
        400,
      ],
      ['no methods', { checkpoint: 'RELEASE', methods: [], presented: {} }, 400],
      ['unknown method', { checkpoint: 'RELEASE', methods: ['dna'], presented: {} }, 400],
      [
        'unknown field',
        {
          checkpoint: 'RELEASE',
          methods: ['photo'],
          presented: {},
          officerAssessment: 'MATCH',
          result: 'MATCH',
        },
        400,
      ],
      [
        'score out of range',
        { checkpoint: 'RELEASE', methods: ['fingerprint'], presented: { fingerprintMatchScore: 101 } },
        400,
      ],
      [
        'not a date',
        {
          checkpoint: 'RELEASE',
          methods: ['questions'],
          presented: { answers: { dateOfBirth: '1990-02-30' } },
        },
        400,
      ],
      ['presented missing', { checkpoint: 'RELEASE', methods: ['photo'], officerAssessment: 'MATCH' }, 400],
      [
        'wristband method without a code',
        { checkpoint: 'RELEASE', methods: ['wristband'], presented: {} },
        422,
      ],
      ['photo method without assessment', { checkpoint: 'RELEASE', methods: ['photo'], presented: {} }, 422],
    ])('%s', async (_name, body, status) => {
      const before = await count('identity_verifications');
      const res = await verify(t.http, officer1.token, ana1.id, body);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, requestId: expect.any(String) });
      expect(await count('identity_verifications')).toBe(before);
    });

    it('a stay id that is not a uuid, a stay of another centre, a role that may not verify, an oversized scan', async () => {
      const body = releaseCheck({ wristbandCode: band1.qrPayload });
      expect((await verify(t.http, officer1.token, 'not-a-uuid', body)).status).toBe(400);
      expect((await verify(t.http, outsider.token, ana1.id, body)).status).toBe(404);
      const medic = await createUser(t.http, t.adminToken, [Role.MedicalStaff], [centre.id]);
      expect((await verify(t.http, medic.token, ana1.id, body)).status).toBe(403);
      const res = await t.http.post(`/api/v1/stays/${ana1.id}/wristbands`).set(bearer(outsider.token)).send();
      expect(res.status).toBe(404);
      const tooLong = await t.http
        .post('/api/v1/wristbands/check')
        .set(bearer(officer1.token))
        .send({ scanned: 'x'.repeat(101) });
      expect(tooLong.status).toBe(400);
    });
  });
});
