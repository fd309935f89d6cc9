import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admit } from '../factories/admissions';
import { addDocument, issueWristband, releaseCheck, settleEvidence, verify } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * At an exit the person is compared with what was recorded before it, not with what was typed in, enrolled or
 * issued at the desk: IDENTITY_EVIDENCE_MIN_AGE_MINUTES at its default (60; the other specs run with 0).
 */
describe('exit checks count only evidence recorded before them', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer1: TestUser;
  let officer2: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ IDENTITY_EVIDENCE_MIN_AGE_MINUTES: '60' });
    centre = await createCentre(t.http, t.adminToken);
    officer1 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    officer2 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
  });
  afterAll(() => t.close());

  const byDocument = (number: string) =>
    releaseCheck({ documentNumber: number }, { methods: ['document', 'photo'] });

  it('a document recorded just before the check cannot tell; once older it matches; another number never does', async () => {
    const stay = await admit(t.http, officer1.token, centre.id);
    await addDocument(t.http, officer1.token, stay.id, { number: 'P 555-0001' });
    const typedIn = await verify(t.http, officer2.token, stay.id, byDocument('P5550001'));
    expect(typedIn.body).toMatchObject({
      result: 'INCONCLUSIVE',
      reasons: ['DOCUMENT_RECORDED_RECENTLY', 'NO_CHECKABLE_EVIDENCE'],
      findings: { document: 'RECORDED_RECENTLY' },
    });
    expect((await verify(t.http, officer2.token, stay.id, byDocument('P5550002'))).body.result).toBe(
      'MISMATCH',
    );

    await settleEvidence(t.db);
    const later = await verify(t.http, officer2.token, stay.id, byDocument('P5550001'));
    expect(later.body).toMatchObject({ result: 'MATCH', findings: { document: 'ON_RECORD' } });
    // A number typed in at the desk now, other than the one on record from intake, is a mismatch still.
    await addDocument(t.http, officer1.token, stay.id, { number: 'P 555-0003' });
    const swapped = await verify(t.http, officer2.token, stay.id, byDocument('P5550003'));
    expect(swapped.body).toMatchObject({ result: 'MISMATCH', findings: { document: 'NOT_ON_RECORD' } });
  });

  it('a band reissued at the desk cannot tell; the band issued at intake matches', async () => {
    const stay = await admit(t.http, officer1.token, centre.id);
    const band = await issueWristband(t.http, officer1.token, stay.id);
    const fresh = await verify(
      t.http,
      officer2.token,
      stay.id,
      releaseCheck({ wristbandCode: band.qrPayload }),
    );
    expect(fresh.body).toMatchObject({
      result: 'INCONCLUSIVE',
      reasons: ['WRISTBAND_ISSUED_RECENTLY', 'NO_CHECKABLE_EVIDENCE'],
      findings: { wristband: 'ISSUED_RECENTLY' },
    });
    await settleEvidence(t.db);
    const settled = await verify(
      t.http,
      officer2.token,
      stay.id,
      releaseCheck({ wristbandCode: band.qrPayload }),
    );
    expect(settled.body).toMatchObject({ result: 'MATCH', findings: { wristband: 'THIS_STAY' } });
  });

  it('a fingerprint score cannot tell while a reference was enrolled just before the check', async () => {
    const stay = await admit(t.http, officer1.token, centre.id);
    const enrol = (templateId: string) =>
      t.http
        .post(`/api/v1/stays/${stay.id}/biometric-references`)
        .set(bearer(officer1.token))
        .send({ system: 'AFIS-HN', templateId, quality: 90 });
    expect((await enrol('TPL-INTAKE')).status).toBe(201);
    await settleEvidence(t.db);
    const check = releaseCheck({ fingerprintMatchScore: 95 }, { methods: ['fingerprint'] });
    expect((await verify(t.http, officer2.token, stay.id, check)).body.result).toBe('MATCH');
    expect((await enrol('TPL-DESK')).status).toBe(201);
    const afterEnrol = await verify(t.http, officer2.token, stay.id, check);
    expect(afterEnrol.body).toMatchObject({
      result: 'INCONCLUSIVE',
      reasons: ['FINGERPRINT_REFERENCE_RECENT', 'NO_CHECKABLE_EVIDENCE'],
    });
  });
});
