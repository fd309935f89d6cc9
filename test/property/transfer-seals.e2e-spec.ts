import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { verifyIdentityForExit } from '../factories/identity';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { acknowledge, intake, passport, phone, ring } from '../factories/property';
import { waitForDocument } from '../factories/documents';
import { binaryParser, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';

describe('property handed over on transfer and checked by seal at arrival', () => {
  let t: TestApp;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let c: { id: string; code: string };
  let officerA: TestUser;
  let managerA: TestUser;
  let witnessA: TestUser;
  let officerB: TestUser;
  let witnessB: TestUser;
  let managerB: TestUser;

  const requestTransfer = (stayId: string) =>
    t.http
      .post(`/api/v1/stays/${stayId}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: b.id, legalBasis: 'Oficio INM/2026/1187', reason: 'capacity' });

  /** The admissions transfer: requested by A's manager (gated TRANSFER_OUT), accepted by B (TRANSFER_IN). */
  const transfer = async (stayId: string) => {
    // Identity is checked by its own gate at both ends; satisfied here so only property is under test.
    const band = await verifyIdentityForExit(t.http, [officerA.token], stayId, 'TRANSFER_OUT');
    const requested = await requestTransfer(stayId);
    expect(requested.status).toBe(201);
    await verifyIdentityForExit(t.http, [officerB.token], stayId, 'TRANSFER_IN', band);
    const accepted = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: requested.body.version });
    expect(accepted.status).toBe(200);
    return { id: accepted.body.newStayId as string };
  };

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

  beforeAll(async () => {
    t = await createTestApp();
    a = await createCentre(t.http, t.adminToken, { code: 'TRA-A' });
    b = await createCentre(t.http, t.adminToken, { code: 'TRA-B' });
    c = await createCentre(t.http, t.adminToken, { code: 'TRA-C' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [a.id]);
    witnessA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
    witnessB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
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
    const early = await requestTransfer(stayA.id);
    expect(early.status).toBe(409);
    expect(early.body.details).toContainEqual(
      expect.objectContaining({
        code: 'PROPERTY_NOT_RECONCILED',
        message: expect.stringMatching(/not handed over/),
      }),
    );

    const handover = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id, witnessId: witnessA.id });
    expect(handover.status).toBe(201);
    expect(handover.body).toMatchObject({ type: 'transfer', receivingCentreId: b.id });
    await acknowledge(t.http, officerA.token, handover.body);
    expect(await gate(officerA.token, stayA.id, 'TRANSFER_OUT', { receivingCentreId: b.id })).toEqual([]);

    const stayB = await transfer(stayA.id);

    // The transfer manifest lists what the escort signed for: the items with their seal, and the cash.
    const [{ id: manifestId }] = await t.db.query(
      `SELECT id FROM documents WHERE subject_id = $1 AND type = 'transfer-manifest'`,
      [stayA.id],
    );
    await waitForDocument(t.http, officerA.token, manifestId);
    const manifest = await t.http
      .get(`/api/v1/documents/${manifestId}/file`)
      .set(bearer(officerA.token))
      .buffer(true)
      .parse(binaryParser);
    const manifestText = pdfText(manifest.body).replace(/\s+/g, ' ');
    expect(manifestText).toContain('Pertenencias entregadas al centro de destino');
    expect(manifestText).toContain('Passport (Honduras) [S-123]');
    expect(manifestText).toContain('Gold ring [S-123]');
    expect(manifestText).toContain('Samsung Galaxy A12, black');
    expect(manifestText).toContain('Efectivo entregado 120.00 USD');
    expect(manifestText).not.toContain('356938035643809'); // serial numbers stay on the receipt

    const arrival = await t.http
      .post(`/api/v1/stays/${stayB.id}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({
        fromStayId: stayA.id,
        seals: [' s-123', 'X-999'],
        storageLocation: 'Reception locker 3',
        witnessId: witnessB.id, // the ring is taken in before a colleague at B
      });
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
    const r = await intake(t.http, officerA.token, stayA.id, {
      items: [passport({ sealNumber: 'S-500' }), phone({ sealNumber: 'S-501' })],
      cash: [],
    });
    await acknowledge(t.http, officerA.token, r);
    const handover = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    expect(handover.status).toBe(201);
    await acknowledge(t.http, officerA.token, handover.body);
    const stayB = await transfer(stayA.id);
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

  it('the receiving centre cannot accept while belongings taken in after the request are not handed over', async () => {
    const stayA = await admit(t.http, officerA.token, a.id);
    await acknowledge(
      t.http,
      officerA.token,
      await intake(t.http, officerA.token, stayA.id, { items: [phone()], cash: [] }),
    );
    const handover = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    await acknowledge(t.http, officerA.token, handover.body);
    const band = await verifyIdentityForExit(t.http, [officerA.token], stayA.id, 'TRANSFER_OUT');
    const requested = await requestTransfer(stayA.id);
    expect(requested.status).toBe(201);
    await verifyIdentityForExit(t.http, [officerB.token], stayA.id, 'TRANSFER_IN', band);
    await acknowledge(
      t.http,
      officerA.token,
      await intake(t.http, officerA.token, stayA.id, { items: [passport()], cash: [] }),
    );
    const accept = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: requested.body.version });
    expect(accept.status).toBe(409);
    expect(accept.body.details).toContainEqual(
      expect.objectContaining({
        code: 'PROPERTY_NOT_RECONCILED',
        message: expect.stringMatching(/Passport/),
      }),
    );
  });

  it('a transfer rejected after the handover: belongings taken back into store on record, then handed over again', async () => {
    const stayA = await admit(t.http, officerA.token, a.id);
    await acknowledge(
      t.http,
      officerA.token,
      await intake(t.http, officerA.token, stayA.id, {
        items: [passport({ sealNumber: 'S-777' }), ring({ sealNumber: 'S-777' }), phone()],
        cash: [{ currency: 'USD', amountMinor: 5000 }],
        witnessId: witnessA.id,
      }),
    );
    const handover = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id, witnessId: witnessA.id });
    expect(handover.status).toBe(201);
    await acknowledge(t.http, officerA.token, handover.body);
    const band = await verifyIdentityForExit(t.http, [officerA.token], stayA.id, 'TRANSFER_OUT');
    const requested = await requestTransfer(stayA.id);
    expect(requested.status).toBe(201);

    const reverse = (body: Record<string, unknown>) =>
      t.http
        .post(`/api/v1/stays/${stayA.id}/property/transfer-handover/reversal`)
        .set(bearer(officerA.token))
        .send(body);
    const reason = 'Transfer rejected by the receiving centre';
    const pending = await reverse({ reason, witnessId: witnessA.id });
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('TRANSFER_PENDING');

    const rejected = await t.http
      .post(`/api/v1/transfers/${requested.body.id}/reject`)
      .set(bearer(managerB.token))
      .send({ reason: 'No capacity this week', version: requested.body.version });
    expect(rejected.status).toBe(200);

    const countMovements = async () =>
      Number(
        (
          await t.db.query(
            `SELECT (SELECT count(*) FROM property_movements WHERE stay_id = $1)
                  + (SELECT count(*) FROM cash_movements WHERE stay_id = $1) AS n`,
            [stayA.id],
          )
        )[0].n,
      );
    const before = await countMovements();
    const noWitness = await reverse({ reason });
    expect(noWitness.status).toBe(422);
    expect(noWitness.body.code).toBe('WITNESS_REQUIRED');
    expect((await reverse({ reason: '', witnessId: witnessA.id })).status).toBe(400);
    expect(await countMovements()).toBe(before);

    const reversed = await reverse({ reason, witnessId: witnessA.id, storageLocation: 'Safe 2' });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ type: 'amendment', acknowledgedAt: null });
    expect(reversed.body.lines.items.map((i: { description: string }) => i.description).sort()).toEqual([
      'Gold ring',
      'Passport (Honduras)',
      'Samsung Galaxy A12, black',
    ]);
    expect(reversed.body.lines.cash).toEqual([{ currency: 'USD', amountMinor: 5000, amount: '50.00 USD' }]);
    expect(await countMovements()).toBe(before + 4); // three items and one cash correction
    const again = await reverse({ reason, witnessId: witnessA.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOTHING_IN_TRANSIT');

    // Each handover movement is corrected, once, by a movement pointing at it; the balance is back.
    const property = await t.http.get(`/api/v1/stays/${stayA.id}/property`).set(bearer(officerA.token));
    expect(
      property.body.items.map((i: { status: string; storageLocation: string }) => [
        i.status,
        i.storageLocation,
      ]),
    ).toEqual([
      ['held', 'Safe 2'],
      ['held', 'Safe 2'],
      ['held', 'Safe 2'],
    ]);
    expect(property.body.bags).toEqual([
      expect.objectContaining({ sealNormalised: 'S-777', status: 'held' }),
    ]);
    expect(property.body.cash).toEqual([expect.objectContaining({ currency: 'USD', balanceMinor: 5000 })]);
    const ringId = property.body.items.find((i: { description: string }) => i.description === 'Gold ring').id;
    const history = await t.http
      .get(`/api/v1/property-items/${ringId}/movements`)
      .set(bearer(officerA.token));
    const [handedOver, correction] = history.body.slice(-2);
    expect(handedOver).toMatchObject({ type: 'handed_over_transfer', toStatus: 'handed_over' });
    expect(correction).toMatchObject({
      type: 'correction',
      fromStatus: 'handed_over',
      toStatus: 'held',
      toLocation: 'Safe 2',
      correctsMovementId: handedOver.id,
      witnessId: witnessA.id,
      receiptId: reversed.body.id,
    });
    const [cashCorrection] = await t.db.query(
      `SELECT k.amount_minor::int AS amount FROM cash_movements k
       JOIN cash_movements h ON h.id = k.corrects_movement_id AND h.type = 'handed_over_transfer'
       WHERE k.stay_id = $1 AND k.type = 'correction'`,
      [stayA.id],
    );
    expect(cashCorrection).toEqual({ amount: 5000 });

    // The reversed transfer receipt (to B) no longer counts: going to C needs only a new handover to C.
    await acknowledge(t.http, officerA.token, reversed.body);
    const toC = (await gate(officerA.token, stayA.id, 'TRANSFER_OUT', { receivingCentreId: c.id }))[0]
      .message;
    expect(toC).toMatch(/not handed over/);
    expect(toC).not.toContain(handover.body.number);

    // Handed over to B again and a new transfer requested: B receives it once, the manifest lists it once.
    const second = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id, witnessId: witnessA.id });
    expect(second.status).toBe(201);
    await acknowledge(t.http, officerA.token, second.body);
    expect(await gate(officerA.token, stayA.id, 'TRANSFER_OUT', { receivingCentreId: b.id })).toEqual([]);
    const requestedAgain = await requestTransfer(stayA.id);
    expect(requestedAgain.status).toBe(201);
    const manifestId = (
      await t.db.query(
        `SELECT id FROM documents WHERE subject_id = $1 AND type = 'transfer-manifest' ORDER BY requested_at DESC LIMIT 1`,
        [stayA.id],
      )
    )[0].id;
    await waitForDocument(t.http, officerA.token, manifestId);
    const manifest = await t.http
      .get(`/api/v1/documents/${manifestId}/file`)
      .set(bearer(officerA.token))
      .buffer(true)
      .parse(binaryParser);
    const manifestText = pdfText(manifest.body).replace(/\s+/g, ' ');
    expect(manifestText.match(/Gold ring \[S-777\]/g)).toHaveLength(1);
    expect(manifestText.match(/Efectivo entregado 50\.00 USD/g)).toHaveLength(1);

    await verifyIdentityForExit(t.http, [officerB.token], stayA.id, 'TRANSFER_IN', band);
    const accepted = await t.http
      .post(`/api/v1/transfers/${requestedAgain.body.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: requestedAgain.body.version });
    expect(accepted.status).toBe(200);
    // Once accepted, stay A is closed (TRANSFERRED) and its belongings went with the person: nothing to take back.
    const tooLate = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover/reversal`)
      .set(bearer(officerA.token))
      .send({ reason: 'Transfer accepted after all' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('STAY_READ_ONLY');
    const arrival = await t.http
      .post(`/api/v1/stays/${accepted.body.newStayId}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({
        fromStayId: stayA.id,
        seals: ['S-777'],
        storageLocation: 'Reception locker 3',
        witnessId: witnessB.id,
      });
    expect(arrival.status).toBe(201);
    expect(arrival.body.receipt.lines.items).toHaveLength(3);
    expect(arrival.body.receipt.lines.cash).toEqual([
      { currency: 'USD', amountMinor: 5000, amount: '50.00 USD' },
    ]);

    const audit = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'property.transfer.reverse' AND entity_id = $1`,
      [stayA.id],
    );
    expect(audit).toEqual([
      {
        details: expect.objectContaining({
          receipt: reversed.body.number,
          seals: ['S-777'],
          cash: ['50.00 USD'],
          reason,
        }),
      },
    ]);
  });

  it('an item given back to the person during the stay does not block their transfer', async () => {
    const stay = await admit(t.http, officerA.token, a.id);
    const receipt = await intake(t.http, officerA.token, stay.id, { items: [phone(), passport()], cash: [] });
    await acknowledge(t.http, officerA.token, receipt);
    const phoneId = (receipt.lines.items[0] as { itemId: string }).itemId;
    const returned = await t.http
      .post(`/api/v1/stays/${stay.id}/property/returns`)
      .set(bearer(officerA.token))
      .send({ itemIds: [phoneId], cash: [] });
    expect(returned.status).toBe(201);
    await acknowledge(t.http, officerA.token, returned.body);
    const handover = await t.http
      .post(`/api/v1/stays/${stay.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    expect(handover.status).toBe(201);
    expect(handover.body.lines.items).toEqual([
      expect.objectContaining({ description: 'Passport (Honduras)' }),
    ]);
    await acknowledge(t.http, officerA.token, handover.body);
    expect(await gate(managerA.token, stay.id, 'TRANSFER_OUT', { receivingCentreId: b.id })).toEqual([]);
  });

  it('a bag emptied by a seizure is released: it does not travel and raises no missing seal at arrival', async () => {
    const stay = await admit(t.http, officerA.token, a.id);
    const receipt = await intake(t.http, officerA.token, stay.id, {
      items: [phone({ sealNumber: 'S-900' }), passport()],
      cash: [],
    });
    await acknowledge(t.http, officerA.token, receipt);
    const phoneId = (receipt.lines.items[0] as { itemId: string }).itemId;
    const seized = await t.http
      .post(`/api/v1/property-items/${phoneId}/movements`)
      .set(bearer(officerA.token))
      .send({
        type: 'seized',
        version: 1,
        authority: 'Fiscalía',
        reference: 'FGR/1',
        witnessId: managerA.id,
      });
    expect(seized.status).toBe(201);
    const bags = async () => t.db.query(`SELECT status FROM property_bags WHERE stay_id = $1`, [stay.id]);
    // Its only item is with the prosecutor: the bag holds nothing and its seal is free.
    expect(await bags()).toEqual([{ status: 'released' }]);
    const handover = await t.http
      .post(`/api/v1/stays/${stay.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    expect(handover.status).toBe(201);
    await acknowledge(t.http, officerA.token, handover.body);
    expect(await bags()).toEqual([{ status: 'released' }]);
    const stayB = await transfer(stay.id);
    // The escort brings the passport, which was never in a bag: there is no seal to present.
    const arrival = await t.http
      .post(`/api/v1/stays/${stayB.id}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stay.id, seals: [], storageLocation: 'Locker 1' });
    expect(arrival.status).toBe(201);
    expect(arrival.body.discrepancies).toEqual([]);
    expect(arrival.body.receipt.lines.items).toEqual([
      expect.objectContaining({ description: 'Passport (Honduras)' }),
    ]);
  });
});
