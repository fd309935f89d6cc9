import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { acknowledge, fullIntake, intake, passport, phone, ring, signature } from '../factories/property';
import { waitForDocument } from '../factories/documents';
import { binaryParser, pdfText, qpdfCheck } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';

describe('property intake and receipts', () => {
  let t: TestApp;
  let centre: { id: string; code: string };
  let officer: TestUser;
  let witness: TestUser;
  let outsider: TestUser;

  const count = async (table: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const counts = async () =>
    Promise.all(['property_items', 'cash_movements', 'property_receipts', 'property_bags'].map(count));

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken, { code: 'TAP-01' });
    const other = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    witness = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    outsider = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [other.id]);
  });
  afterAll(() => t.close());

  it('USD 120 + MXN 850 + EUR 20, a phone, a passport and a witnessed ring give a numbered, acknowledged receipt', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const receipt = await intake(t.http, officer.token, stay.id, fullIntake(witness.id));
    const year = new Date().getUTCFullYear();
    expect(receipt.number).toMatch(new RegExp(`^RC-TAP-01-${year}-\\d{6}$`));
    expect(receipt).toMatchObject({ type: 'intake', language: 'es', acknowledgedAt: null });
    expect(receipt.lines.items).toHaveLength(3);
    expect(receipt.lines.cash).toEqual([
      { currency: 'USD', amountMinor: 12000, amount: '120.00 USD' },
      { currency: 'MXN', amountMinor: 85000, amount: '850.00 MXN' },
      { currency: 'EUR', amountMinor: 2000, amount: '20.00 EUR' },
    ]);
    expect(receipt.lines.items).toContainEqual(
      expect.objectContaining({
        description: 'Gold ring',
        witnessId: witness.id,
        estimatedValue: '250.00 USD',
      }),
    );

    const acked = await acknowledge(t.http, officer.token, receipt);
    expect(acked.acknowledgedAt).not.toBeNull();
    // The receipt keeps the centre and the signatories as printed, with the witness named on the ring.
    expect(acked).toMatchObject({
      snapshot: { centre: { code: 'TAP-01' }, officers: [{ id: officer.id, name: expect.any(String) }] },
    });
    expect(acked.lines.items).toContainEqual(
      expect.objectContaining({ description: 'Gold ring', witnessName: expect.stringMatching(/Test/) }),
    );

    // The person's copy: a PDF in Spanish (their preferred language) listing every item and amount.
    const [{ document_id: documentId }] = await t.db.query(
      `SELECT document_id FROM property_receipts WHERE id = $1`,
      [receipt.id],
    );
    expect(documentId).toEqual(expect.any(String));
    const doc = await waitForDocument(t.http, officer.token, documentId);
    expect(doc).toMatchObject({ type: 'property-receipt', language: 'es', status: 'READY' });
    const file = await t.http
      .get(`/api/v1/documents/${documentId}/file`)
      .set(bearer(officer.token))
      .buffer(true)
      .parse(binaryParser);
    expect(file.status).toBe(200);
    expect(qpdfCheck(file.body).ok).toBe(true);
    const text = pdfText(file.body).replace(/\s+/g, ' ');
    for (const expected of [
      'Recibo de pertenencias',
      receipt.number,
      'Gold ring',
      '120.00 USD',
      '850.00 MXN',
      '20.00 EUR',
      'La persona firmó',
    ]) {
      expect(text).toContain(expected);
    }

    const overview = await t.http.get(`/api/v1/stays/${stay.id}/property`).set(bearer(officer.token));
    expect(overview.status).toBe(200);
    expect(overview.body.cash.map((c: { balance: string }) => c.balance).sort()).toEqual([
      '120.00 USD',
      '20.00 EUR',
      '850.00 MXN',
    ]);
    expect(
      overview.body.items.find((i: { category: string }) => i.category === 'jewellery_valuables'),
    ).toMatchObject({
      valuable: true,
      intakeWitnessId: witness.id,
    });

    // Audited in the same transactions.
    const actions = await t.db.query(
      `SELECT action FROM audit_events WHERE centre_id = $1 AND action LIKE 'property.%' ORDER BY seq`,
      [centre.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['property.receipt.create', 'property.intake', 'property.receipt.acknowledge']),
    );
  });

  it('an acknowledged receipt never changes: a second acknowledgement is 409 and the database refuses edits', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const receipt = await intake(t.http, officer.token, stay.id, { items: [phone()], cash: [] });
    await acknowledge(t.http, officer.token, receipt);
    const again = await t.http
      .post(`/api/v1/property-receipts/${receipt.id}/acknowledge`)
      .set(bearer(officer.token))
      .send({ version: receipt.version + 1, person: { signatureSha256: signature() } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RECEIPT_ALREADY_ACKNOWLEDGED');
    await expect(
      t.db.query(`UPDATE property_receipts SET lines = '{}'::jsonb WHERE id = $1`, [receipt.id]),
    ).rejects.toThrow(/acknowledged/);
    await expect(t.db.query(`DELETE FROM property_receipts WHERE id = $1`, [receipt.id])).rejects.toThrow();
  });

  it('a later intake is an amendment with the next number; a stale acknowledgement is 409', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const first = await intake(t.http, officer.token, stay.id, { items: [passport()], cash: [] });
    const second = await intake(t.http, officer.token, stay.id, {
      items: [],
      cash: [{ currency: 'JPY', amountMinor: 5000 }],
    });
    expect(second.type).toBe('amendment');
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(second.lines.cash).toEqual([{ currency: 'JPY', amountMinor: 5000, amount: '5000 JPY' }]);
    const stale = await t.http
      .post(`/api/v1/property-receipts/${first.id}/acknowledge`)
      .set(bearer(officer.token))
      .send({ version: first.version + 5, person: { signatureSha256: signature() } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
  });

  it('a person who refuses to sign needs a witness; the officer cannot witness themselves', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const receipt = await intake(t.http, officer.token, stay.id, { items: [phone()], cash: [] });
    const url = `/api/v1/property-receipts/${receipt.id}/acknowledge`;
    const noWitness = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ version: 1, person: { refusedToSign: true } });
    expect(noWitness.status).toBe(422);
    const self = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ version: 1, person: { refusedToSign: true, witnessId: officer.id } });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('WITNESS_INVALID');
    const ok = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ version: 1, person: { refusedToSign: true, witnessId: witness.id } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      refusedToSign: true,
      refusalWitnessId: witness.id,
      signatureSha256: null,
    });
  });

  it('the witness of a refusal to sign cannot also sign the receipt as one of its officers', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const receipt = await intake(t.http, officer.token, stay.id, { items: [phone()], cash: [] });
    const res = await t.http
      .post(`/api/v1/property-receipts/${receipt.id}/acknowledge`)
      .set(bearer(officer.token))
      .send({
        version: receipt.version,
        person: { refusedToSign: true, witnessId: witness.id },
        otherOfficerIds: [witness.id],
      });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WITNESS_INVALID');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'otherOfficerIds' })]);
    const [row] = await t.db.query(
      `SELECT acknowledged_at, document_id, version FROM property_receipts WHERE id = $1`,
      [receipt.id],
    );
    expect(row).toEqual({ acknowledged_at: null, document_id: null, version: receipt.version });
  });

  it('valuables need a witness who is another officer of this centre', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const before = await counts();
    const url = `/api/v1/stays/${stay.id}/property/intake`;
    const none = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ items: [ring()], cash: [] });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('WITNESS_REQUIRED');
    const foreign = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ items: [ring()], cash: [], witnessId: outsider.id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('WITNESS_INVALID');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a float amount', { cash: [{ currency: 'USD', amountMinor: 120.5 }] }],
    ['a decimal string', { cash: [{ currency: 'USD', amountMinor: '120.50' }] }],
    ['a negative amount', { cash: [{ currency: 'USD', amountMinor: -100 }] }],
    ['zero', { cash: [{ currency: 'USD', amountMinor: 0 }] }],
    ['an unknown currency', { cash: [{ currency: 'ABC', amountMinor: 100 }] }],
    ['a lower-case currency', { cash: [{ currency: 'usd', amountMinor: 100 }] }],
    ['gold as currency', { cash: [{ currency: 'XAU', amountMinor: 100 }] }],
    ['an amount too large', { cash: [{ currency: 'USD', amountMinor: 1e16 }] }],
    ['a float item value', { items: [phone({ estimatedValue: { currency: 'MXN', amountMinor: 99.99 } })] }],
    ['an unknown category', { items: [phone({ category: 'weapons' })] }],
    ['an unknown field', { items: [phone({ colour: 'red' })] }],
    ['a zero quantity', { items: [phone({ quantity: 0 })] }],
    ['a list inside the cash list', { cash: [[]] }],
    ['a list inside the item list', { items: [[phone()]] }],
  ])('refuses %s with 400 and writes nothing', async (_, body) => {
    const stay = await admit(t.http, officer.token, centre.id);
    const before = await counts();
    const res = await t.http
      .post(`/api/v1/stays/${stay.id}/property/intake`)
      .set(bearer(officer.token))
      .send({ items: [], cash: [], ...body });
    expect(res.status).toBe(400);
    expect(res.body.details.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('refuses an empty intake, a repeated currency and a denomination count that does not add up (422)', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const url = `/api/v1/stays/${stay.id}/property/intake`;
    const empty = await t.http.post(url).set(bearer(officer.token)).send({ items: [], cash: [] });
    expect(empty.body.code).toBe('EMPTY_INTAKE');
    const twice = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({
        cash: [
          { currency: 'USD', amountMinor: 1 },
          { currency: 'USD', amountMinor: 2 },
        ],
      });
    expect(twice.body.code).toBe('DUPLICATE_CURRENCY');
    const denoms = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({
        cash: [{ currency: 'USD', amountMinor: 12000, denominations: [{ valueMinor: 2000, count: 5 }] }],
      });
    expect(denoms.status).toBe(422);
    expect(denoms.body.code).toBe('DENOMINATIONS_MISMATCH');
  });

  it('a stay of another centre answers 404 and BHD keeps three decimals', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const res = await t.http
      .post(`/api/v1/stays/${stay.id}/property/intake`)
      .set(bearer(outsider.token))
      .send({ items: [], cash: [{ currency: 'BHD', amountMinor: 1500 }] });
    expect(res.status).toBe(404);
    const ok = await intake(t.http, officer.token, stay.id, {
      items: [],
      cash: [{ currency: 'BHD', amountMinor: 1500 }],
    });
    expect(ok.lines.cash).toEqual([{ currency: 'BHD', amountMinor: 1500, amount: '1.500 BHD' }]);
  });

  it('a seal in use on another bag answers 409; the same stay may add to its own bag', async () => {
    const a = await admit(t.http, officer.token, centre.id);
    const b = await admit(t.http, officer.token, centre.id);
    await intake(t.http, officer.token, a.id, { items: [passport({ sealNumber: 'S-900' })], cash: [] });
    const same = await intake(t.http, officer.token, a.id, {
      items: [phone({ sealNumber: ' s-900 ' })],
      cash: [],
    });
    expect(same.lines.items).toEqual([expect.objectContaining({ sealNumber: 'S-900' })]);
    const other = await t.http
      .post(`/api/v1/stays/${b.id}/property/intake`)
      .set(bearer(officer.token))
      .send({ items: [phone({ sealNumber: 'S-900' })], cash: [] });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('SEAL_IN_USE');
    const bags = await t.db.query(
      `SELECT count(*)::int AS n FROM property_bags WHERE seal_normalised = 'S-900'`,
    );
    expect(bags[0].n).toBe(1);
  });

  it('a retried intake with the same Idempotency-Key replays the receipt and takes nothing in twice', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const send = () =>
      t.http
        .post(`/api/v1/stays/${stay.id}/property/intake`)
        .set(bearer(officer.token))
        .set('Idempotency-Key', `intake-${stay.id}`)
        .send({ items: [phone()], cash: [{ currency: 'USD', amountMinor: 500 }] });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(retry.body.number).toBe(first.body.number);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM property_items WHERE stay_id = $1`, [
      stay.id,
    ]);
    expect(n).toBe(1);
    const [{ balance }] = await t.db.query(
      `SELECT balance_minor::int AS balance FROM cash_accounts WHERE stay_id = $1`,
      [stay.id],
    );
    expect(balance).toBe(500);
  });
});
