import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { admissionInput, admit } from '../factories/admissions';
import { issueWristband, verify, verifyIdentityForExit } from '../factories/identity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Nobody revokes a band when its stay ends (release, transfer, absconding): the band is good only while its
 * stay is ACTIVE. At TRANSFER_IN, of the person's other stays only the one the transfer moved counts.
 */
describe('a wristband identifies the person only while its stay is ACTIVE', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let officerA2: TestUser;
  let managerA: TestUser;
  let officerB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    officerA2 = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
  });
  afterAll(() => t.close());

  it('the band of a released stay scans REVOKED and, at TRANSFER_IN of a later stay, is a MISMATCH', async () => {
    const first = await admit(t.http, officerA.token, centreA.id);
    const oldBand = await verifyIdentityForExit(t.http, [officerA.token, officerA2.token], first.id);
    const released = await t.http
      .post(`/api/v1/stays/${first.id}/release`)
      .set(bearer(managerA.token))
      .send({ releaseTo: 'FAMILY', legalBasis: 'Resolución 1/2026', version: first.version });
    expect(released.status).toBe(200);

    const scan = await t.http
      .post('/api/v1/wristbands/check')
      .set(bearer(officerA.token))
      .send({ scanned: oldBand });
    expect(scan.body).toMatchObject({ status: 'REVOKED', stayId: first.id });

    // The same person is admitted again, gets a new band and is sent to centre B.
    const { person: _person, ...input } = admissionInput({
      centreId: centreA.id,
      personId: first.personId,
    });
    const again = await t.http.post('/api/v1/admissions').set(bearer(officerA.token)).send(input);
    expect(again.status).toBe(201);
    const secondId: string = again.body.id;
    await issueWristband(t.http, officerA.token, secondId);
    await verifyIdentityForExit(t.http, [officerA.token], secondId, 'TRANSFER_OUT');
    const transfer = await t.http
      .post(`/api/v1/stays/${secondId}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: centreB.id, legalBasis: 'Acuerdo 9/2026' });
    expect(transfer.status).toBe(201);

    // At B the person shows the band of the stay released long ago: it proves nothing about this stay.
    const atB = await verify(t.http, officerB.token, secondId, {
      checkpoint: 'TRANSFER_IN',
      methods: ['wristband'],
      presented: { wristbandCode: oldBand },
    });
    expect(atB.status).toBe(201);
    expect(atB.body).toMatchObject({
      result: 'MISMATCH',
      reasons: ['WRISTBAND_REVOKED'],
      findings: { wristband: 'REVOKED' },
    });
    const accepted = await t.http
      .post(`/api/v1/transfers/${transfer.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: transfer.body.version });
    expect(accepted.status).toBe(409);
    expect(accepted.body.details).toContainEqual(expect.objectContaining({ code: 'IDENTITY_NOT_VERIFIED' }));
  });
});
