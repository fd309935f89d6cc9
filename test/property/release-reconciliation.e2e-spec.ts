import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { verifyIdentityForExit } from '../factories/identity';
import { acknowledge, fullIntake, intake } from '../factories/property';
import { waitForDocument } from '../factories/documents';
import { binaryParser, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';

interface Failure {
  code: string;
  message: string;
}

describe('property reconciliation at release', () => {
  let t: TestApp;
  let centre: { id: string; code: string };
  let officer: TestUser;
  let witness: TestUser;
  let manager: TestUser;

  const readiness = async (stayId: string) => {
    const res = await t.http
      .get(`/api/v1/stays/${stayId}/release-readiness`)
      .query({ kind: 'RELEASE', legalBasis: 'Orden de salida 12/2026' })
      .set(bearer(manager.token));
    expect(res.status).toBe(200);
    return (res.body.failures as Failure[]).filter((f) => f.code === 'PROPERTY_NOT_RECONCILED');
  };

  const release = async (stayId: string) => {
    const stay = await t.http.get(`/api/v1/stays/${stayId}`).set(bearer(manager.token));
    return t.http
      .post(`/api/v1/stays/${stayId}/release`)
      .set(bearer(manager.token))
      .send({ legalBasis: 'Orden de salida 12/2026', releaseTo: 'FAMILY', version: stay.body.version });
  };

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken, { code: 'REL-01' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    witness = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  it('MXN 50 missing: release refused naming the property gate until a loss report and claim; then it passes', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, fullIntake(witness.id)),
    );
    // Identity is another gate (two officers at release); satisfied here so only property stands in the way.
    await verifyIdentityForExit(t.http, [officer.token, witness.token], stay.id, 'RELEASE');

    const blocked = await readiness(stay.id);
    expect(blocked).toHaveLength(1);
    expect(blocked[0].message).toMatch(/item "Gold ring" not returned/);
    expect(blocked[0].message).toMatch(/cash 850\.00 MXN still held/);

    // Only MXN 800 can be found: everything else goes back, in the currency it came in.
    const ret = await t.http
      .post(`/api/v1/stays/${stay.id}/property/returns`)
      .set(bearer(officer.token))
      .send({
        witnessId: witness.id,
        cash: [
          { currency: 'USD', amountMinor: 12000 },
          { currency: 'MXN', amountMinor: 80000 },
          { currency: 'EUR', amountMinor: 2000 },
        ],
      });
    expect(ret.status).toBe(201);
    expect(ret.body.type).toBe('return');
    expect(ret.body.lines.items).toHaveLength(3);

    // The release itself is refused, naming the property gate.
    const refused = await release(stay.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('EXIT_BLOCKED');
    expect(refused.body.details).toContainEqual(
      expect.objectContaining({
        code: 'PROPERTY_NOT_RECONCILED',
        message: expect.stringMatching(/50\.00 MXN/),
      }),
    );

    const stillBlocked = await readiness(stay.id);
    expect(stillBlocked[0].message).toMatch(/cash 50\.00 MXN still held/);
    expect(stillBlocked[0].message).toMatch(new RegExp(`receipt ${ret.body.number} not acknowledged`));

    // An officer cannot record a loss; a manager can, and opens a claim.
    const denied = await t.http
      .post(`/api/v1/stays/${stay.id}/property/loss-reports`)
      .set(bearer(officer.token))
      .send({ report: 'MXN 50 missing', cash: [{ currency: 'MXN', amountMinor: 5000 }] });
    expect(denied.status).toBe(403);
    const claim = await t.http
      .post(`/api/v1/stays/${stay.id}/property/loss-reports`)
      .set(bearer(manager.token))
      .send({
        report: 'MXN 50 missing from the envelope at release',
        cash: [{ currency: 'MXN', amountMinor: 5000 }],
      });
    expect(claim.status).toBe(201);
    expect(claim.body.reference).toMatch(/^CL-REL-01-\d{4}-000001$/);

    // The person receives the claim reference on the return receipt they acknowledge.
    const acked = await acknowledge(t.http, officer.token, ret.body);
    expect(acked.lines.claims).toEqual([
      expect.objectContaining({ reference: claim.body.reference, kind: 'lost' }),
    ]);
    expect(await readiness(stay.id)).toEqual([]);
    const released = await release(stay.id);
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('RELEASED');

    // The return receipt's PDF shows what was returned and the claim; the release certificate what was returned.
    const pdfOf = async (documentId: string) => {
      await waitForDocument(t.http, officer.token, documentId);
      const file = await t.http
        .get(`/api/v1/documents/${documentId}/file`)
        .set(bearer(officer.token))
        .buffer(true)
        .parse(binaryParser);
      return pdfText(file.body).replace(/\s+/g, ' ');
    };
    const [{ document_id: receiptDocumentId }] = await t.db.query(
      `SELECT document_id FROM property_receipts WHERE id = $1`,
      [ret.body.id],
    );
    const receiptText = await pdfOf(receiptDocumentId);
    expect(receiptText).toContain(claim.body.reference);
    expect(receiptText).toContain('800.00 MXN');
    const [{ id: certificateId }] = await t.db.query(
      `SELECT id FROM documents WHERE subject_id = $1 AND type = 'release-certificate'`,
      [stay.id],
    );
    const certificateText = await pdfOf(certificateId);
    expect(certificateText).toContain('Gold ring');
    expect(certificateText).toContain('800.00 MXN');

    const cash = await t.db.query(
      `SELECT a.currency, a.balance_minor::int AS balance, COALESCE(sum(m.amount_minor), 0)::int AS total
       FROM cash_accounts a LEFT JOIN cash_movements m ON m.account_id = a.id
       WHERE a.stay_id = $1 GROUP BY a.id ORDER BY a.currency`,
      [stay.id],
    );
    expect(cash).toEqual([
      { currency: 'EUR', balance: 0, total: 0 },
      { currency: 'MXN', balance: 0, total: 0 },
      { currency: 'USD', balance: 0, total: 0 },
    ]);
    const audit = await t.db.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 OR entity_id = $2 ORDER BY occurred_at`,
      [stay.id, claim.body.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['property.intake', 'property.return', 'property.claim.open']),
    );
  });

  it('a claim opened after the return receipt was acknowledged needs a new return receipt naming it', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, {
        items: [],
        cash: [{ currency: 'USD', amountMinor: 1000 }],
      }),
    );
    const ret = await t.http
      .post(`/api/v1/stays/${stay.id}/property/returns`)
      .set(bearer(officer.token))
      .send({ cash: [{ currency: 'USD', amountMinor: 900 }] });
    await acknowledge(t.http, officer.token, ret.body);
    const claim = await t.http
      .post(`/api/v1/stays/${stay.id}/property/loss-reports`)
      .set(bearer(manager.token))
      .send({ report: 'USD 1 missing', cash: [{ currency: 'USD', amountMinor: 100 }] });
    const blocked = await readiness(stay.id);
    expect(blocked[0].message).toMatch(new RegExp(`claim ${claim.body.reference} not yet given`));
    const second = await t.http
      .post(`/api/v1/stays/${stay.id}/property/returns`)
      .set(bearer(officer.token))
      .send({});
    expect(second.status).toBe(201);
    await acknowledge(t.http, officer.token, second.body);
    expect(await readiness(stay.id)).toEqual([]);
  });

  it('returning valuables needs a witness; more cash than held is 422; nothing is written', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await intake(t.http, officer.token, stay.id, fullIntake(witness.id));
    const url = `/api/v1/stays/${stay.id}/property/returns`;
    const before = await t.db.query(`SELECT count(*)::int AS n FROM property_receipts`);
    const noWitness = await t.http.post(url).set(bearer(officer.token)).send({});
    expect(noWitness.status).toBe(422);
    expect(noWitness.body.code).toBe('WITNESS_REQUIRED');
    const tooMuch = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ witnessId: witness.id, cash: [{ currency: 'EUR', amountMinor: 2001 }] });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('INSUFFICIENT_CASH');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM property_receipts`)).toEqual(before);
  });

  it('a seized item (with authority and reference) and a disposed one (manager) do not block release', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const r = await intake(t.http, officer.token, stay.id, {
      items: [
        {
          category: 'other',
          description: 'Knife',
          quantity: 1,
          condition: 'new',
          storageLocation: 'Evidence 2',
        },
        {
          category: 'other',
          description: 'Bananas',
          quantity: 3,
          condition: 'ripe',
          storageLocation: 'Locker 1',
        },
      ],
      cash: [],
    });
    await acknowledge(t.http, officer.token, r);
    const [knife, bananas] = r.lines.items as { itemId: string }[];
    const seizeNoRef = await t.http
      .post(`/api/v1/property-items/${knife.itemId}/movements`)
      .set(bearer(officer.token))
      .send({ type: 'seized', version: 1, authority: 'Fiscalía' });
    expect(seizeNoRef.status).toBe(422);
    const seizure = { type: 'seized', version: 1, authority: 'Fiscalía General', reference: 'FGR/2026/42' };
    // Before a second officer of the centre, not alone and not before oneself.
    for (const witnessId of [undefined, officer.id]) {
      const unwitnessed = await t.http
        .post(`/api/v1/property-items/${knife.itemId}/movements`)
        .set(bearer(officer.token))
        .send({ ...seizure, witnessId });
      expect(unwitnessed.status).toBe(422);
      expect(unwitnessed.body.details[0].field).toBe('witnessId');
    }
    const seized = await t.http
      .post(`/api/v1/property-items/${knife.itemId}/movements`)
      .set(bearer(officer.token))
      .send({ ...seizure, witnessId: witness.id });
    expect(seized.status).toBe(201);
    expect(seized.body).toMatchObject({ status: 'seized', seizedReference: 'FGR/2026/42' });
    const [movement] = await t.db.query(
      `SELECT witness_id, actor_id FROM property_movements WHERE item_id = $1 AND type = 'seized'`,
      [knife.itemId],
    );
    expect(movement).toEqual({ witness_id: witness.id, actor_id: officer.id });
    const byOfficer = await t.http
      .post(`/api/v1/property-items/${bananas.itemId}/movements`)
      .set(bearer(officer.token))
      .send({ type: 'disposed', version: 1, reason: 'perishable' });
    expect(byOfficer.status).toBe(403);
    const disposed = await t.http
      .post(`/api/v1/property-items/${bananas.itemId}/movements`)
      .set(bearer(manager.token))
      .send({ type: 'disposed', version: 1, reason: 'perishable' });
    expect(disposed.status).toBe(201);
    expect(disposed.body.disposalAuthorisedBy).toBe(manager.id);
    expect(await readiness(stay.id)).toEqual([]);
  });

  it('a damaged item opens a claim, is still returned, and the claim is printed on the return receipt', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const r = await intake(t.http, officer.token, stay.id, {
      items: [
        {
          category: 'clothing',
          description: 'Jacket',
          quantity: 1,
          condition: 'good',
          storageLocation: 'Rack 4',
        },
      ],
      cash: [],
    });
    await acknowledge(t.http, officer.token, r);
    const itemId = (r.lines.items[0] as { itemId: string }).itemId;
    const claim = await t.http
      .post(`/api/v1/stays/${stay.id}/property/loss-reports`)
      .set(bearer(manager.token))
      .send({ report: 'Sleeve torn in storage', items: [{ itemId, version: 1, kind: 'damaged' }] });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ kind: 'damaged', itemIds: [itemId] });
    const blocked = await readiness(stay.id);
    expect(blocked[0].message).toMatch(/item "Jacket" not returned/);
    const ret = await t.http
      .post(`/api/v1/stays/${stay.id}/property/returns`)
      .set(bearer(officer.token))
      .send({});
    const acked = await acknowledge(t.http, officer.token, ret.body);
    expect(acked.lines.claims).toEqual([
      expect.objectContaining({ reference: claim.body.reference, kind: 'damaged' }),
    ]);
    expect(await readiness(stay.id)).toEqual([]);
    const history = await t.http.get(`/api/v1/property-items/${itemId}/movements`).set(bearer(officer.token));
    expect(history.body.map((m: { type: string }) => m.type)).toEqual([
      'checked_in',
      'damaged',
      'returned_to_person',
    ]);
  });
});
