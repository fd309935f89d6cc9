import { Role } from '../../src/auth/role.enum';
import { admissionInput, admit, dateOfBirthForAge, screen } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { transferAndAccept, verifyIdentityForExit } from '../factories/identity';
import { someoneWaitsForALock } from '../support/lock-wait';
import { createTestApp, TestApp } from '../support/test-app';

const LEGAL_BASIS = 'Resolución INM/TAP/2026/0412';

describe('A child transferred after the accompanying adult', () => {
  let t: TestApp;
  let centreA: { id: string };
  let centreB: { id: string };
  let officerA: TestUser;
  let managerA: TestUser;
  let officerB: TestUser;
  let managerB: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    centreB = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreA.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [centreB.id]);
  });
  afterAll(() => t.close());

  const toB = (stayId: string, band: string) =>
    transferAndAccept(t.http, {
      stayId,
      toCentreId: centreB.id,
      managerToken: managerA.token,
      receivingToken: officerB.token,
      band,
      legalBasis: LEGAL_BASIS,
    });

  it('a child admitted with an adult whose stay is ending meanwhile is not linked to the ended stay', async () => {
    const adult = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Reina', familyNames: 'Cuxil', dateOfBirth: '1990-01-01' },
    });
    // The adult's exit holds their stay (as release does, FOR UPDATE) while the child's admission arrives.
    const exit = t.db.createQueryRunner();
    await exit.connect();
    try {
      await exit.startTransaction();
      await exit.query(`SELECT 1 FROM stays WHERE id = $1 FOR UPDATE`, [adult.id]);
      const admitting = t.http
        .post('/api/v1/admissions')
        .set(bearer(officerA.token))
        .send(
          admissionInput({
            centreId: centreA.id,
            person: { givenNames: 'Ixchel', familyNames: 'Cuxil', dateOfBirth: dateOfBirthForAge(8) },
            accompaniedBy: { stayId: adult.id, relationship: 'daughter' },
          }),
        )
        .then((r) => r);
      expect(await someoneWaitsForALock(t.db)).toBe(true);
      await exit.query(`UPDATE stays SET status = 'RELEASED', exited_at = now() WHERE id = $1`, [adult.id]);
      await exit.commitTransaction();
      const res = await admitting;
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_ACCOMPANYING_ADULT');
    } finally {
      if (exit.isTransactionActive) await exit.rollbackTransaction();
      await exit.release();
    }
  });

  it('is flagged unaccompanied when the adult has already left the receiving centre', async () => {
    const adult = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Marlen', familyNames: 'Ortiz', dateOfBirth: '1990-05-05' },
    });
    const child = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Yeimi', familyNames: 'Ortiz', dateOfBirth: dateOfBirthForAge(8) },
      accompaniedBy: { stayId: adult.id, relationship: 'daughter' },
    });
    const adultBand = await verifyIdentityForExit(t.http, [officerA.token], adult.id, 'TRANSFER_OUT');
    const childBand = await verifyIdentityForExit(t.http, [officerA.token], child.id, 'TRANSFER_OUT');

    // The adult is accepted first at B, then absconds there.
    const adultAtB = await toB(adult.id, adultBand);
    const adultStay = (await t.http.get(`/api/v1/stays/${adultAtB}`).set(bearer(officerB.token))).body;
    const gone = await t.http
      .post(`/api/v1/stays/${adultAtB}/exit`)
      .set(bearer(managerB.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: adultStay.version });
    expect(gone.status).toBe(200);

    // The child arrives at B afterwards: nobody accompanies her there.
    const childAtB = await toB(child.id, childBand);
    const fresh = (await t.http.get(`/api/v1/stays/${childAtB}`).set(bearer(officerB.token))).body;
    const occupancy = (
      await t.http.get(`/api/v1/centres/${centreB.id}/occupancy`).set(bearer(officerB.token))
    ).body;
    expect({
      accompaniedByStayId: fresh.accompaniedByStayId,
      unaccompanied: fresh.unaccompanied,
      unaccompaniedChildren: occupancy.unaccompaniedChildren,
    }).toEqual({ accompaniedByStayId: expect.anything(), unaccompanied: true, unaccompaniedChildren: 1 });
  });

  it("a child whose transfer follows the adult's to the same centre is not referred again meanwhile", async () => {
    const mother = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Dilcia', familyNames: 'Pop', dateOfBirth: '1989-03-03' },
    });
    const son = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Eder', familyNames: 'Pop', dateOfBirth: dateOfBirthForAge(7) },
      accompaniedBy: { stayId: mother.id, relationship: 'son' },
    });
    const screened = await screen(t.http, officerA.token, son.id);
    const referral = screened.body.referrals.find((r: { type: string }) => r.type === 'CHILD_PROTECTION');
    const declined = await t.http
      .patch(`/api/v1/referrals/${referral.id}`)
      .set(bearer(managerA.token))
      .send({ status: 'DECLINED', version: referral.version, note: 'DINAF: with his mother' });
    expect(declined.status).toBe(200);
    const motherBand = await verifyIdentityForExit(t.http, [officerA.token], mother.id, 'TRANSFER_OUT');
    const sonBand = await verifyIdentityForExit(t.http, [officerA.token], son.id, 'TRANSFER_OUT');
    const sonTransfer = await t.http
      .post(`/api/v1/stays/${son.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: centreB.id, legalBasis: LEGAL_BASIS });
    expect(sonTransfer.status).toBe(201);

    await toB(mother.id, motherBand);
    // Alone at A only until his own transfer is accepted: flagged, but the authority's answer stands.
    const atA = (await t.http.get(`/api/v1/stays/${son.id}/referrals`).set(bearer(officerA.token))).body;
    expect(atA).toEqual([expect.objectContaining({ id: referral.id, status: 'DECLINED' })]);

    await verifyIdentityForExit(t.http, [officerB.token], son.id, 'TRANSFER_IN', sonBand);
    const accepted = await t.http
      .post(`/api/v1/transfers/${sonTransfer.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: sonTransfer.body.version });
    expect(accepted.status).toBe(200);
    const atB = await t.http.get(`/api/v1/stays/${accepted.body.newStayId}`).set(bearer(officerB.token));
    expect(atB.body).toMatchObject({ unaccompanied: false });
    const referralsAtB = await t.http
      .get(`/api/v1/stays/${accepted.body.newStayId}/referrals`)
      .set(bearer(officerB.token));
    expect(referralsAtB.body).toEqual([]);
  });
});
