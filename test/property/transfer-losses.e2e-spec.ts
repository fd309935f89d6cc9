import { Role } from '../../src/auth/role.enum';
import { admissionInput, admit } from '../factories/admissions';
import { transferAndAccept, verifyIdentityForExit } from '../factories/identity';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { acknowledge, intake, passport, phone, ring } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

interface Failure {
  code: string;
  message: string;
}

/** What goes missing between two centres is settled on record at the receiving one, never dropped. */
describe('property lost or found between centres', () => {
  let t: TestApp;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let officerA: TestUser;
  let witnessA: TestUser;
  let managerA: TestUser;
  let officerB: TestUser;
  let witnessB: TestUser;
  let managerB: TestUser;

  const readiness = async (token: string, stayId: string, query: Record<string, string>) => {
    const res = await t.http
      .get(`/api/v1/stays/${stayId}/release-readiness`)
      .query({ legalBasis: 'Orden de salida 12/2026', ...query })
      .set(bearer(token));
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

  const handover = async (stayId: string, body: Record<string, unknown> = {}) => {
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id, ...body });
    expect(res.status).toBe(201);
    await acknowledge(t.http, officerA.token, res.body);
    return res.body as { id: string; number: string };
  };

  /** Admitted at A with these belongings, intake acknowledged. */
  const admittedWith = async (belongings: Record<string, unknown>) => {
    const stayA = await admit(t.http, officerA.token, a.id);
    await acknowledge(t.http, officerA.token, await intake(t.http, officerA.token, stayA.id, belongings));
    return stayA;
  };

  /** A's manager reports this item of the stay lost. */
  const reportLost = (stayId: string, item: { id: string; version: number }, report: string) =>
    t.http
      .post(`/api/v1/stays/${stayId}/property/loss-reports`)
      .set(bearer(managerA.token))
      .send({ report, items: [{ itemId: item.id, version: item.version, kind: 'lost' }] });

  /** Admitted at A with these belongings (intake acknowledged), handed over to B, transfer accepted. */
  const transferredWith = async (belongings: Record<string, unknown>, handoverBody = {}) => {
    const stayA = await admittedWith(belongings);
    await handover(stayA.id, handoverBody);
    const band = await verifyIdentityForExit(t.http, [officerA.token], stayA.id, 'TRANSFER_OUT');
    const stayB = await transferAndAccept(t.http, {
      stayId: stayA.id,
      toCentreId: b.id,
      managerToken: managerA.token,
      receivingToken: officerB.token,
      band,
    });
    return { stayA: stayA.id, stayB };
  };

  const arrive = (stayB: string, stayA: string, seals: string[], extra: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/stays/${stayB}/property/transfer-arrival`)
      .set(bearer(officerB.token))
      .send({ fromStayId: stayA, seals, storageLocation: 'Reception locker 3', ...extra });

  const resolve = (discrepancy: { id: string; version: number }, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/property-seal-discrepancies/${discrepancy.id}/resolve`)
      .set(bearer(managerB.token))
      .send({ version: discrepancy.version, ...body });

  const property = async (token: string, stayId: string) =>
    (await t.http.get(`/api/v1/stays/${stayId}/property`).set(bearer(token))).body;

  /** Passport in bag S-500 and phone in bag S-501 handed over to B; only S-500 arrives. */
  const phoneBagMissing = async (seal: string) => {
    const { stayA, stayB } = await transferredWith({
      items: [passport({ sealNumber: `${seal}-0` }), phone({ sealNumber: `${seal}-1` })],
      cash: [],
    });
    const arrival = await arrive(stayB, stayA, [`${seal}-0`]);
    expect(arrival.status).toBe(201);
    expect(arrival.body.discrepancies).toEqual([
      expect.objectContaining({ kind: 'missing_seal', sealNumber: `${seal}-1` }),
    ]);
    await acknowledge(t.http, officerB.token, arrival.body.receipt);
    await verifyIdentityForExit(t.http, [officerB.token, witnessB.token], stayB, 'RELEASE');
    return { stayA, stayB, discrepancy: arrival.body.discrepancies[0] as { id: string; version: number } };
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createCentre(t.http, t.adminToken, { code: 'TLF-A' });
    b = await createCentre(t.http, t.adminToken, { code: 'TLF-B' });
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    witnessA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    managerA = await createUser(t.http, t.adminToken, [Role.CentreManager], [a.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
    witnessB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
    managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [b.id]);
  });
  afterAll(() => t.close());

  it('a missing bag settled as lost: its items are lost on a claim of the new stay, given to the person at release', async () => {
    const { stayB, discrepancy } = await phoneBagMissing('LS');
    const before = await property(officerB.token, stayB);

    // A bare text no longer settles it: the phone would be listed nowhere.
    const bare = await resolve(discrepancy, { resolution: 'not found' });
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('OUTCOME_REQUIRED');
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'outcome' })]);
    expect((await resolve(discrepancy, { resolution: 'x', outcome: 'gone' })).status).toBe(400);
    const place = await resolve(discrepancy, { resolution: 'x', outcome: 'lost', storageLocation: 'Safe 1' });
    expect(place.status).toBe(422);
    expect(place.body.details).toEqual([expect.objectContaining({ field: 'storageLocation' })]);
    const unchanged = await property(officerB.token, stayB);
    expect(unchanged.discrepancies).toEqual(before.discrepancies);
    expect(unchanged.claims).toEqual([]);
    expect(unchanged.items).toEqual(before.items);

    const lost = await resolve(discrepancy, {
      resolution: 'Bag LS-1 not with the escort; sending centre has no trace',
      outcome: 'lost',
    });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ outcome: 'lost', receipt: null });
    expect(lost.body.resolvedAt).not.toBeNull();
    const reference = lost.body.claim.reference as string;
    expect(reference).toMatch(/^CL-TLF-B-\d{4}-\d{6}$/);

    // The phone is on B's record, lost with the claim; nothing of it is in transit any more.
    const after = await property(officerB.token, stayB);
    const lostPhone = after.items.find((i: { description: string }) => i.description.startsWith('Samsung'));
    expect(lostPhone).toMatchObject({ status: 'lost', claimId: lost.body.claim.id });
    expect(after.claims).toEqual([expect.objectContaining({ reference, itemIds: [lostPhone.id] })]);
    // The stay's record says how the seal was settled, not only that it was.
    expect(after.discrepancies).toEqual([
      expect.objectContaining({ id: discrepancy.id, outcome: 'lost', resolvedAt: expect.any(String) }),
    ]);
    expect(after.outstandingForRelease.join(' ')).not.toMatch(/seal discrepancy|not yet received/);
    const gate = await readiness(managerB.token, stayB, { kind: 'RELEASE' });
    expect(gate[0].message).toContain(`claim ${reference} not yet given to the person`);
    expect((await release(managerB, stayB)).status).toBe(409);

    // The person receives the passport and the claim reference on the return receipt, then leaves.
    const returned = await t.http
      .post(`/api/v1/stays/${stayB}/property/returns`)
      .set(bearer(officerB.token))
      .send({});
    expect(returned.status).toBe(201);
    const signed = await acknowledge(t.http, officerB.token, returned.body);
    expect(signed.lines.claims).toEqual([expect.objectContaining({ reference, kind: 'lost' })]);
    expect(await readiness(managerB.token, stayB, { kind: 'RELEASE' })).toEqual([]);
    expect((await release(managerB, stayB)).status).toBe(200);

    const audit = await t.db.query(
      `SELECT action, details FROM audit_events
        WHERE action IN ('property.claim.open', 'property.seal_discrepancy.resolve') AND details->>'stayId' = $1
        ORDER BY seq`,
      [stayB],
    );
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'property.claim.open',
        details: expect.objectContaining({ reference }),
      }),
      expect.objectContaining({
        action: 'property.seal_discrepancy.resolve',
        details: expect.objectContaining({ outcome: 'lost', claim: reference, itemIds: [lostPhone.id] }),
      }),
    ]);
  });

  it('a missing bag that turns up is taken into custody as at arrival, on a receipt the person signs', async () => {
    const { stayA, stayB, discrepancy } = await phoneBagMissing('FD');
    const noPlace = await resolve(discrepancy, { resolution: 'Found in the van', outcome: 'found' });
    expect(noPlace.status).toBe(422);
    expect(noPlace.body.details).toEqual([expect.objectContaining({ field: 'storageLocation' })]);

    const found = await resolve(discrepancy, {
      resolution: 'Found in the escort van, seal intact',
      outcome: 'found',
      storageLocation: 'Locker 4',
    });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ outcome: 'found', claim: null });
    expect(found.body.receipt).toMatchObject({ type: 'amendment', acknowledgedAt: null });
    expect(found.body.receipt.lines.items).toEqual([
      expect.objectContaining({ description: 'Samsung Galaxy A12, black', sealNumber: 'FD-1' }),
    ]);
    expect(
      (await resolve({ ...discrepancy, version: discrepancy.version + 1 }, { resolution: 'again' })).status,
    ).toBe(409);

    const after = await property(officerB.token, stayB);
    expect(
      after.items.find((i: { description: string }) => i.description.startsWith('Samsung')),
    ).toMatchObject({
      status: 'held',
      storageLocation: 'Locker 4',
    });
    expect(
      after.bags.map((x: { sealNormalised: string; status: string }) => [x.sealNormalised, x.status]),
    ).toEqual([
      ['FD-0', 'held'],
      ['FD-1', 'held'],
    ]);
    const [{ status: sentBag }] = await t.db.query(
      `SELECT status FROM property_bags WHERE stay_id = $1 AND seal_normalised = 'FD-1'`,
      [stayA],
    );
    expect(sentBag).toBe('released');
    expect(after.discrepancies).toEqual([expect.objectContaining({ id: discrepancy.id, outcome: 'found' })]);
    // Held at B like the passport, and listed on a receipt to acknowledge; no longer awaited from the escort.
    expect(after.outstandingForRelease).toContain(`receipt ${found.body.receipt.number} not acknowledged`);
    expect(after.outstandingForRelease.join(' ')).not.toMatch(/seal discrepancy|not yet received/);
    await acknowledge(t.http, officerB.token, found.body.receipt);
    const returned = await t.http
      .post(`/api/v1/stays/${stayB}/property/returns`)
      .set(bearer(officerB.token))
      .send({});
    expect(returned.body.lines.items).toHaveLength(2);
    await acknowledge(t.http, officerB.token, returned.body);
    expect((await release(managerB, stayB)).status).toBe(200);
  });

  it('a resolved missing seal whose bag is still in transit keeps blocking the exit', async () => {
    const { stayA, stayB, discrepancy } = await phoneBagMissing('LG');
    // As a resolution recorded before outcomes existed: text only, the phone still with the escort.
    await t.db.query(
      `UPDATE property_seal_discrepancies SET resolution = 'not found', resolved_by = $2, resolved_at = now()
        WHERE id = $1`,
      [discrepancy.id, managerB.id],
    );
    const gate = await readiness(managerB.token, stayB, { kind: 'RELEASE' });
    expect(gate[0].message).toContain(
      'item "Samsung Galaxy A12, black" handed over to this centre, not yet received',
    );
    // The bag arrives after all: a second arrival takes it in.
    const late = await arrive(stayB, stayA, ['LG-1']);
    expect(late.status).toBe(201);
    expect(late.body.receipt.lines.items).toEqual([expect.objectContaining({ sealNumber: 'LG-1' })]);
  });

  it('a missing seal resolved with words alone, whose bag never turns up, is settled again with an outcome', async () => {
    const { stayB, discrepancy } = await phoneBagMissing('LW');
    await t.db.query(
      `UPDATE property_seal_discrepancies SET resolution = 'not found', resolved_by = $2, resolved_at = now()
        WHERE id = $1`,
      [discrepancy.id, managerB.id],
    );
    expect((await resolve(discrepancy, { resolution: 'again, in words' })).status).toBe(409);
    const lost = await resolve(discrepancy, {
      resolution: 'Never found; the escort has no trace',
      outcome: 'lost',
    });
    expect(lost.status).toBe(200);
    expect(lost.body.claim.reference).toMatch(/^CL-TLF-B-/);
    const [entry] = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'property.seal_discrepancy.resolve'`,
      [discrepancy.id],
    );
    expect(entry.details.previous).toMatchObject({ resolution: 'not found', resolvedBy: managerB.id });
    const gate = await readiness(managerB.token, stayB, { kind: 'RELEASE' });
    expect(JSON.stringify(gate)).not.toContain('not yet received');
    const twice = await resolve(
      { ...discrepancy, version: lost.body.version },
      { resolution: 'x', outcome: 'lost' },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_RESOLVED');
  });

  it('bags arriving after the person absconded at the receiving centre are still taken in there', async () => {
    const { stayA, stayB } = await transferredWith({ items: [phone({ sealNumber: 'AB-1' })], cash: [] });
    const current = await t.http.get(`/api/v1/stays/${stayB}`).set(bearer(managerB.token));
    await t.http
      .post(`/api/v1/stays/${stayB}/exit`)
      .set(bearer(managerB.token))
      .send({
        outcome: 'ABSCONDED',
        report: 'Gone before the escort unloaded',
        version: current.body.version,
      })
      .expect(200);
    const arrival = await arrive(stayB, stayA, ['AB-1']);
    expect(arrival.status).toBe(201);
    expect((await property(officerB.token, stayB)).items).toEqual([
      expect.objectContaining({ status: 'held', storageLocation: 'Reception locker 3' }),
    ]);
  });

  it('a loss reported at the sending centre after the transfer is refused: the receiving side records it', async () => {
    const { stayA, stayB } = await transferredWith({ items: [phone({ sealNumber: 'TR-1' })], cash: [] });
    const [sent] = (await property(managerA.token, stayA)).items;
    expect(sent.status).toBe('handed_over');
    const report = await reportLost(stayA, sent, 'Escort reports the phone lost');
    expect(report.status).toBe(409);
    expect(report.body.code).toBe('ITEM_WITH_RECEIVING_CENTRE');
    expect(report.body.details).toEqual([expect.objectContaining({ field: 'items.0.itemId' })]);
    const a1 = await property(managerA.token, stayA);
    expect(a1.claims).toEqual([]);
    expect(a1.items[0]).toMatchObject({ status: 'handed_over', version: sent.version });
    // The phone arrives at B and is held there, with no claim anywhere.
    const arrival = await arrive(stayB, stayA, ['TR-1']);
    expect(arrival.status).toBe(201);
    expect((await property(officerB.token, stayB)).items).toEqual([
      expect.objectContaining({ status: 'held' }),
    ]);
  });

  it('a loss reported at the sending centre of an item already received elsewhere is refused', async () => {
    const stayA = await admittedWith({ items: [phone()], cash: [] });
    await handover(stayA.id);
    // The person absconds from A (stay not TRANSFERRED) and is admitted at B, which receives the phone.
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
    expect((await arrive(admitted.body.id, stayA.id, [])).status).toBe(201);
    const [sent] = (await property(managerA.token, stayA.id)).items;
    const report = await reportLost(stayA.id, sent, 'Phone lost');
    expect(report.status).toBe(409);
    expect(report.body.code).toBe('ITEM_WITH_RECEIVING_CENTRE');
    expect((await property(managerA.token, stayA.id)).claims).toEqual([]);
  });

  it('an item handed over for B and lost since binds no transfer to B: a transfer to another centre may go ahead', async () => {
    const c = await createCentre(t.http, t.adminToken, { code: 'TLF-C' });
    const stayA = await admittedWith({ items: [phone()], cash: [] });
    await handover(stayA.id);
    const toC = async () =>
      (await readiness(managerA.token, stayA.id, { kind: 'TRANSFER_OUT', receivingCentreId: c.id }))
        .map((f) => f.message)
        .join(' ');
    expect(await toC()).toContain('hands the property to another centre');
    const [sent] = (await property(managerA.token, stayA.id)).items;
    const report = await reportLost(stayA.id, sent, 'Phone lost at the loading bay');
    expect(report.status).toBe(201);
    expect(await toC()).not.toContain('hands the property to another centre');
  });

  it('a claim opened after the transfer receipt was signed goes on a claims-only transfer receipt; then B accepts', async () => {
    const stayA = await admittedWith({ items: [phone()], cash: [] });
    await handover(stayA.id);
    const band = await verifyIdentityForExit(t.http, [officerA.token], stayA.id, 'TRANSFER_OUT');
    const requested = await t.http
      .post(`/api/v1/stays/${stayA.id}/transfer`)
      .set(bearer(managerA.token))
      .send({ toCentreId: b.id, legalBasis: 'Oficio INM/2026/1187' });
    expect(requested.status).toBe(201);
    const [sent] = (await property(managerA.token, stayA.id)).items;
    const claim = await reportLost(stayA.id, sent, 'Phone dropped by the escort');
    expect(claim.status).toBe(201);
    const reference = claim.body.reference as string;

    await verifyIdentityForExit(t.http, [officerB.token], stayA.id, 'TRANSFER_IN', band);
    const accept = () =>
      t.http
        .post(`/api/v1/transfers/${requested.body.id}/accept`)
        .set(bearer(officerB.token))
        .send({ version: requested.body.version });
    const blocked = await accept();
    expect(blocked.status).toBe(409);
    expect(JSON.stringify(blocked.body.details)).toContain(`claim ${reference} not yet given`);

    const claimsOnly = await t.http
      .post(`/api/v1/stays/${stayA.id}/property/transfer-handover`)
      .set(bearer(officerA.token))
      .send({ receivingCentreId: b.id });
    expect(claimsOnly.status).toBe(201);
    expect(claimsOnly.body.lines).toMatchObject({
      items: [],
      cash: [],
      claims: [expect.objectContaining({ reference })],
    });
    const signed = await acknowledge(t.http, officerA.token, claimsOnly.body);
    expect(signed.lines.claims).toEqual([expect.objectContaining({ reference })]);
    expect((await accept()).status).toBe(200);
  });

  it('valuables arriving at B are taken in before a witness of B, recorded as their intake witness', async () => {
    const { stayA, stayB } = await transferredWith(
      { items: [ring({ sealNumber: 'VW-1' }), passport()], cash: [], witnessId: witnessA.id },
      { witnessId: witnessA.id },
    );
    const count = async () =>
      Number((await t.db.query(`SELECT count(*) AS n FROM property_items WHERE stay_id = $1`, [stayB]))[0].n);
    const none = await arrive(stayB, stayA, ['VW-1']);
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'WITNESS_REQUIRED' });
    expect(none.body.details).toEqual([expect.objectContaining({ field: 'witnessId' })]);
    for (const other of [witnessA.id, officerB.id]) {
      const invalid = await arrive(stayB, stayA, ['VW-1'], { witnessId: other });
      expect(invalid.status).toBe(422);
      expect(invalid.body.code).toBe('WITNESS_INVALID');
    }
    expect(await count()).toBe(0);
    expect((await t.db.query(`SELECT 1 FROM property_receipts WHERE stay_id = $1`, [stayB])).length).toBe(0);

    const arrival = await arrive(stayB, stayA, ['VW-1'], { witnessId: witnessB.id });
    expect(arrival.status).toBe(201);
    const ringLine = arrival.body.receipt.lines.items.find(
      (i: { description: string }) => i.description === 'Gold ring',
    );
    expect(ringLine).toMatchObject({ witnessId: witnessB.id, witnessName: expect.any(String) });
    const rows = await t.db.query(
      `SELECT i.description, i.intake_witness_id AS witness, mv.witness_id AS moved
         FROM property_items i JOIN property_movements mv ON mv.item_id = i.id AND mv.type = 'checked_in'
        WHERE i.stay_id = $1 ORDER BY i.description`,
      [stayB],
    );
    expect(rows).toEqual([
      { description: 'Gold ring', witness: witnessB.id, moved: witnessB.id },
      { description: 'Passport (Honduras)', witness: null, moved: null },
    ]);
  });
});
