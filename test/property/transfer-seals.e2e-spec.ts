import { Role } from '../../src/auth/role.enum';
import { admissionInput, admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { acknowledge, intake, passport, phone, ring } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

describe('property handed over on transfer and checked by seal at arrival', () => {
  let t: TestApp;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let officerA: TestUser;
  let witnessA: TestUser;
  let officerB: TestUser;
  let managerB: TestUser;

  /**
   * Ends the sending stay as TRANSFERRED. The transfer workflow belongs to another issue; here only its
   * outcome matters, so the test sets it directly.
   */
  const markTransferred = (stayId: string) =>
    t.db.query(`UPDATE stays SET status = 'TRANSFERRED', exited_at = now() WHERE id = $1`, [stayId]);

  const gate = async (token: string, stayId: string, kind: string, extra: Record<string, string> = {}) => {
    const res = await t.http
      .get(`/api/v1/stays/${stayId}/release-readiness`)
      .query({ kind, legalBasis: 'Orden de traslado 3/2026', ...extra })
      .set(bearer(token));
    expect(res.status).toBe(200);
    return (res.body.failures as { code: string; message: string }[]).filter(
      (f) => f.code === 'PROPERTY_NOT_RECONCILED',
    );
  };

  /** Admits the same person at the receiving centre. */
  const admitAgain = async (token: string, centreId: string, personId: string) => {
    const { person: _, ...body } = admissionInput({ centreId, personId });
    const res = await t.http.post('/api/v1/admissions').set(bearer(token)).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; personId: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createCentre(t.http, t.adminToken, { code: 'TRA-A' });
    b = await createCentre(t.http, t.adminToken, { code: 'TRA-B' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    witnessA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [b.id]);
  });
  afterAll(() => t.close());

  it('a bag sealed S-123 at A is accepted at B as " s-123"; an unknown seal is a discrepancy resolved on record', async () => {
    const stayA = await admit(t.http, officerA.token, a.id);
    await acknowledge(
      t.http,
      officerA.token,
      await intake(t.http, officerA.token, stayA.id, {
        items: [passport({ sealNumber: 'S-123' }), ring({ sealNumber: 'S-123' }), phone()],
        cash: [{ currency: 'USD', amountMinor: 12000 }],
        witnessId: witnessA.id,
      }),
    );
    expect(await gate(officerA.token, stayA.id, 'TRANSFER_OUT', { receivingCentreId: b.id })).toHaveLength(1);

    const handover = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id, witnessId: witnessA.id });
    expect(handover.status).toBe(201);
    expect(handover.body).toMatchObject({ type: 'transfer', receivingCentreId: b.id });
    await acknowledge(t.http, officerA.token, handover.body);
    expect(await gate(officerA.token, stayA.id, 'TRANSFER_OUT', { receivingCentreId: b.id })).toEqual([]);

    await markTransferred(stayA.id);
    const stayB = await admitAgain(officerB.token, b.id, stayA.personId);

    const arrival = await t.http
      .post(`/api/v1/stays/${stayB.id}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stayA.id, seals: [' s-123', 'X-999'], storageLocation: 'Reception locker 3' });
    expect(arrival.status).toBe(201);
    expect(arrival.body.matched).toEqual(['S-123']);
    expect(arrival.body.discrepancies).toEqual([
      expect.objectContaining({ kind: 'unknown_seal', sealNumber: 'X-999', resolvedAt: null }),
    ]);
    expect(arrival.body.receipt.type).toBe('intake');
    expect(arrival.body.receipt.number).toMatch(/^RC-TRA-B-/);
    expect(arrival.body.receipt.lines.items).toHaveLength(3);
    expect(arrival.body.receipt.lines.cash).toEqual([
      { currency: 'USD', amountMinor: 12000, amount: '120.00 USD' },
    ]);

    const property = await t.http.get(`/api/v1/stays/${stayB.id}/property`).set(bearer(officerB.token));
    expect(property.body.bags).toEqual([
      expect.objectContaining({ sealNormalised: 'S-123', status: 'held' }),
    ]);
    expect(property.body.outstandingForRelease).toContain(
      'seal discrepancy (unknown_seal) on X-999 not resolved',
    );

    // Nothing arrives twice.
    const again = await t.http
      .post(`/api/v1/stays/${stayB.id}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stayA.id, seals: ['S-123'], storageLocation: 'Reception locker 3' });
    expect(again.status).toBe(409);

    const discrepancy = arrival.body.discrepancies[0];
    const byOfficer = await t.http
      .post(`/api/v1/property-seal-discrepancies/${discrepancy.id}/resolve`)
      .set(bearer(officerB.token))
      .send({ version: discrepancy.version, resolution: 'x' });
    expect(byOfficer.status).toBe(403);
    const resolved = await t.http
      .post(`/api/v1/property-seal-discrepancies/${discrepancy.id}/resolve`)
      .set(bearer(managerB.token))
      .send({
        version: discrepancy.version,
        resolution: 'Bag X-999 belongs to another person; returned to escort',
      });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).not.toBeNull();
    const after = await t.http.get(`/api/v1/stays/${stayB.id}/property`).set(bearer(officerB.token));
    expect(after.body.outstandingForRelease.join(' ')).not.toMatch(/seal discrepancy/);

    const audit = await t.db.query(
      `SELECT action FROM audit_events WHERE action LIKE 'property.transfer.%' OR action LIKE 'property.seal%'`,
    );
    expect(audit.map((x: { action: string }) => x.action).sort()).toEqual([
      'property.seal_discrepancy.resolve',
      'property.transfer.arrival',
      'property.transfer.handover',
    ]);
  });

  it('a handed-over seal that does not arrive is a missing-seal discrepancy and its items stay in transit', async () => {
    const stayA = await admit(t.http, officerA.token, a.id);
    await intake(t.http, officerA.token, stayA.id, {
      items: [passport({ sealNumber: 'S-500' }), phone({ sealNumber: 'S-501' })],
      cash: [],
    });
    const handover = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    expect(handover.status).toBe(201);
    await markTransferred(stayA.id);
    const stayB = await admitAgain(officerB.token, b.id, stayA.personId);
    const arrival = await t.http
      .post(`/api/v1/stays/${stayB.id}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stayA.id, seals: ['s-500'], storageLocation: 'Locker 9' });
    expect(arrival.status).toBe(201);
    expect(arrival.body.discrepancies).toEqual([
      expect.objectContaining({ kind: 'missing_seal', sealNumber: 'S-501' }),
    ]);
    expect(arrival.body.receipt.lines.items).toEqual([
      expect.objectContaining({ description: 'Passport (Honduras)' }),
    ]);
  });

  it('another person cannot claim the property in transit, and centre B cannot read centre A stays', async () => {
    const stayA = await admit(t.http, officerA.token, a.id);
    await intake(t.http, officerA.token, stayA.id, { items: [phone({ sealNumber: 'S-700' })], cash: [] });
    await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    const stranger = await admit(t.http, officerB.token, b.id);
    const res = await t.http
      .post(`/api/v1/stays/${stranger.id}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stayA.id, seals: ['S-700'], storageLocation: 'Locker 9' });
    expect(res.status).toBe(404);
    expect((await t.http.get(`/api/v1/stays/${stayA.id}/property`).set(bearer(officerB.token))).status).toBe(
      404,
    );
  });
});
