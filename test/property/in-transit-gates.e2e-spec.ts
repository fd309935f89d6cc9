import { Role } from '../../src/auth/role.enum';
import { admissionInput, admit } from '../factories/admissions';
import { transferAndAccept, verifyIdentityForExit } from '../factories/identity';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { acknowledge, intake, phone } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

interface Failure {
  code: string;
  message: string;
}

/** Belongings handed over for a transfer are with the escort: nobody leaves until they are back in a store. */
describe('property in transit between centres', () => {
  let t: TestApp;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let officerA: TestUser;
  let witnessA: TestUser;
  let managerA: TestUser;
  let officerB: TestUser;
  let witnessB: TestUser;
  let managerB: TestUser;

  const readiness = async (manager: TestUser, stayId: string, query: Record<string, string>) => {
    const res = await t.http
      .get(`/api/v1/stays/${stayId}/release-readiness`)
      .query({ legalBasis: 'Orden de salida 12/2026', ...query })
      .set(bearer(manager.token));
    expect(res.status).toBe(200);
    return (res.body.failures as Failure[]).filter((f) => f.code === 'PROPERTY_NOT_RECONCILED');
  };

  const release = async (manager: TestUser, stayId: string) => {
    const stay = await t.http.get(`/api/v1/stays/${stayId}`).set(bearer(manager.token));
    return t.http
      .post(`/api/v1/stays/${stayId}/release`)
      .set(bearer(manager.token))
      .send({ legalBasis: 'Orden de salida 12/2026', releaseTo: 'FAMILY', version: stay.body.version });
  };

  const handover = async (stayId: string, receivingCentreId: string) => {
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId });
    expect(res.status).toBe(201);
    await acknowledge(t.http, officerA.token, res.body);
    return res.body as { id: string; number: string };
  };

  /** A stay at centre A whose belongings were taken in, the intake receipt acknowledged. */
  const admittedAtAWith = async (belongings: Record<string, unknown>) => {
    const stay = await admit(t.http, officerA.token, a.id);
    await acknowledge(t.http, officerA.token, await intake(t.http, officerA.token, stay.id, belongings));
    return stay;
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createCentre(t.http, t.adminToken, { code: 'ITG-A' });
    b = await createCentre(t.http, t.adminToken, { code: 'ITG-B' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    witnessA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [a.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
    witnessB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [b.id]);
  });
  afterAll(() => t.close());

  it('a release is refused while cash handed over for a transfer that never happened is not taken back', async () => {
    const stay = await admittedAtAWith({
      items: [],
      cash: [{ currency: 'USD', amountMinor: 12000 }],
    });
    await handover(stay.id, b.id);
    // The transfer is never requested and nobody takes the money back into store.
    await verifyIdentityForExit(t.http, [officerA.token, witnessA.token], stay.id, 'RELEASE');

    const refused = await release(managerA, stay.id);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toContainEqual(
      expect.objectContaining({
        code: 'PROPERTY_NOT_RECONCILED',
        message: expect.stringContaining('cash 120.00 USD handed over for a transfer, not taken back'),
      }),
    );
    expect((await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(managerA.token))).body.status).toBe(
      'ACTIVE',
    );

    // Taken back on record, then given to the person: the release passes.
    const reversed = await t.http
      .post(`/api/v1/stays/${stay.id}/property/transfer-handover/reversal`)
      .set(bearer(officerA.token))
      .send({ reason: 'The transfer was never requested' });
    expect(reversed.status).toBe(201);
    await acknowledge(t.http, officerA.token, reversed.body);
    const returned = await t.http
      .post(`/api/v1/stays/${stay.id}/property/returns`)
      .set(bearer(officerA.token))
      .send({});
    expect(returned.status).toBe(201);
    expect(returned.body.lines.cash).toEqual([expect.objectContaining({ amount: '120.00 USD' })]);
    await acknowledge(t.http, officerA.token, returned.body);
    expect(await readiness(managerA, stay.id, { kind: 'RELEASE' })).toEqual([]);
    expect((await release(managerA, stay.id)).status).toBe(200);
  });

  it('the stay created by a transfer is neither released nor transferred on before what was handed over to it arrives', async () => {
    const stayA = await admittedAtAWith({
      items: [phone({ sealNumber: 'ITG-1' })],
      cash: [{ currency: 'USD', amountMinor: 5000 }],
    });
    await handover(stayA.id, b.id);
    const band = await verifyIdentityForExit(t.http, [officerA.token], stayA.id, 'TRANSFER_OUT');
    const stayB = await transferAndAccept(t.http, {
      stayId: stayA.id,
      toCentreId: b.id,
      managerToken: managerA.token,
      receivingToken: officerB.token,
      band,
    });

    // No transfer-arrival at B yet: the phone and USD 50.00 are still with the escort.
    const pending = [
      'item "Samsung Galaxy A12, black" handed over to this centre, not yet received',
      'cash 50.00 USD handed over to this centre, not yet received',
    ];
    await verifyIdentityForExit(t.http, [officerB.token, witnessB.token], stayB, 'RELEASE');
    const refused = await release(managerB, stayB);
    expect(refused.status).toBe(409);
    const failure = (refused.body.details as Failure[]).find((f) => f.code === 'PROPERTY_NOT_RECONCILED')!;
    for (const line of pending) expect(failure.message).toContain(line);
    const onward = await readiness(managerB, stayB, { kind: 'TRANSFER_OUT', receivingCentreId: a.id });
    for (const line of pending) expect(onward[0].message).toContain(line);

    // Once received at B, the property is B's to return or hand over like any other.
    const arrival = await t.http
      .post(`/api/v1/stays/${stayB}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stayA.id, seals: ['ITG-1'], storageLocation: 'Locker 3' });
    expect(arrival.status).toBe(201);
    const after = await readiness(managerB, stayB, { kind: 'RELEASE' });
    expect(after[0].message).not.toContain('not yet received');
    await acknowledge(t.http, officerB.token, arrival.body.receipt);
    const returned = await t.http
      .post(`/api/v1/stays/${stayB}/property/returns`)
      .set(bearer(officerB.token))
      .send({});
    expect(returned.status).toBe(201);
    await acknowledge(t.http, officerB.token, returned.body);
    expect((await release(managerB, stayB)).status).toBe(200);
  });

  it('a reversal at the sending centre racing an arrival at the receiving one takes the cash in once', async () => {
    for (let round = 0; round < 8; round++) {
      const stayA = await admittedAtAWith({
        items: [],
        cash: [{ currency: 'USD', amountMinor: 10000 }],
      });
      await handover(stayA.id, b.id);
      // The person absconds from A before any transfer request and is later admitted at B.
      const cur = await t.http.get(`/api/v1/stays/${stayA.id}`).set(bearer(managerA.token));
      await t.http
        .post(`/api/v1/stays/${stayA.id}/exit`)
        .set(bearer(managerA.token))
        .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: cur.body.version })
        .expect(200);
      const { person: _person, ...rest } = admissionInput({ centreId: b.id });
      const admitted = await t.http
        .post('/api/v1/admissions')
        .set(bearer(officerB.token))
        .send({ ...rest, personId: stayA.personId });
      expect(admitted.status).toBe(201);
      const stayB = admitted.body.id as string;

      const [reversal, arrival] = await Promise.all([
        t.http
          .post(`/api/v1/stays/${stayA.id}/property/transfer-handover/reversal`)
          .set(bearer(officerA.token))
          .send({ reason: 'The transfer did not happen: the person absconded' }),
        t.http
          .post(`/api/v1/stays/${stayB}/property/transfer-arrival`)
          .set(bearer(officerB.token))
          .send({ fromStayId: stayA.id, seals: [], storageLocation: 'Locker 1' }),
      ]);
      // Exactly one of them takes the money; the other finds nothing in transit and writes nothing.
      expect([reversal.status, arrival.status].sort()).toEqual([201, 409]);
      expect([reversal, arrival].find((r) => r.status === 409)!.body.code).toBe('NOTHING_IN_TRANSIT');
      const [{ total, credits }] = await t.db.query(
        `SELECT (SELECT coalesce(sum(balance_minor), 0)::int FROM cash_accounts WHERE stay_id = ANY($1)) AS total,
                (SELECT count(*)::int FROM cash_movements
                  WHERE stay_id = ANY($1) AND type IN ('correction', 'received_transfer')) AS credits`,
        [[stayA.id, stayB]],
      );
      // USD 100.00 was handed over once: it is held at A or at B, never at both.
      expect({ round, total, credits }).toEqual({ round, total: 10000, credits: 1 });
    }
  });
});
