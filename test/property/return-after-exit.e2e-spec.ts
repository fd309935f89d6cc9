import { Role } from '../../src/auth/role.enum';
import { admissionInput, admit, closeStayInDatabase } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { verifyIdentityForExit } from '../factories/identity';
import { acknowledge, intake, passport, ring, signature } from '../factories/property';
import { waitForDocument } from '../factories/documents';
import { binaryParser, pdfText } from '../support/pdf';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Belongings of a stay that ended ABSCONDED or DECEASED go back on a return receipt, and are never abandoned
 * while their owner is in custody again. The deadline is 0 days, so only custody stands in the way.
 */
describe('returning belongings after an exit', () => {
  let t: TestApp;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let officer: TestUser;
  let witness: TestUser;
  let manager: TestUser;
  let officerB: TestUser;

  const exit = async (stayId: string, outcome: 'ABSCONDED' | 'DECEASED') => {
    const stay = await t.http.get(`/api/v1/stays/${stayId}`).set(bearer(manager.token));
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/exit`)
      .set(bearer(manager.token))
      .send({ outcome, report: 'Recorded by the night shift', version: stay.body.version });
    expect(res.status).toBe(200);
  };

  // After an exit, a return is a centre manager's.
  const returns = (stayId: string, body: Record<string, unknown>, token = manager.token) =>
    t.http.post(`/api/v1/stays/${stayId}/property/returns`).set(bearer(token)).send(body);

  /** A ring (witnessed), a passport and USD 500, acknowledged at intake. */
  const stayWithValuables = async () => {
    const stay = await admit(t.http, officer.token, a.id, {
      person: { forwardingAddress: 'Calle 5 #12, San Pedro Sula' },
    });
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, {
        items: [ring(), passport({ sealNumber: 'RA-1' })],
        cash: [{ currency: 'USD', amountMinor: 50000 }],
        witnessId: witness.id,
      }),
    );
    return stay;
  };

  /** What the stay holds, read from the database: the counts a refused request must leave as they were. */
  const holdings = async (stayId: string) => {
    const [row] = await t.db.query(
      `SELECT (SELECT string_agg(status::text, ',' ORDER BY status) FROM property_items WHERE stay_id = $1) AS items,
              (SELECT coalesce(sum(balance_minor), 0)::int FROM cash_accounts WHERE stay_id = $1) AS balance,
              (SELECT count(*)::int FROM cash_movements WHERE stay_id = $1) AS cash_moves,
              (SELECT count(*)::int FROM property_movements WHERE stay_id = $1) AS item_moves,
              (SELECT count(*)::int FROM property_receipts WHERE stay_id = $1) AS receipts`,
      [stayId],
    );
    return row as {
      items: string;
      balance: number;
      cash_moves: number;
      item_moves: number;
      receipts: number;
    };
  };

  const unclaimedEntry = async (stayId: string) => {
    const res = await t.http.get(`/api/v1/centres/${a.id}/unclaimed-property`).set(bearer(officer.token));
    expect(res.status).toBe(200);
    return (res.body as { stayId: string; personInCustody: boolean }[]).find((e) => e.stayId === stayId);
  };

  beforeAll(async () => {
    t = await createTestApp({ PROPERTY_UNCLAIMED_DAYS: '0', PROPERTY_NOTICE_DAYS: '0' });
    a = await createCentre(t.http, t.adminToken, { code: 'RET-A' });
    b = await createCentre(t.http, t.adminToken, { code: 'RET-B' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    witness = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [a.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
  });
  afterAll(() => t.close());

  it('after ABSCONDED and a re-admission: abandon is refused, the belongings go back on a receipt', async () => {
    const stay = await stayWithValuables();
    await exit(stay.id, 'ABSCONDED');
    await t.http
      .post(`/api/v1/stays/${stay.id}/property/unclaimed-notices`)
      .set(bearer(officer.token))
      .send({ forwardingAddress: 'Calle 5 #12, San Pedro Sula', channel: 'registered post' })
      .expect(201);
    expect(await unclaimedEntry(stay.id)).toMatchObject({ personInCustody: false });

    // Detained again, at another centre.
    const { person: _person, ...again } = admissionInput({ centreId: b.id, personId: stay.personId });
    const readmitted = await t.http.post('/api/v1/admissions').set(bearer(officerB.token)).send(again);
    expect(readmitted.status).toBe(201);
    expect(await unclaimedEntry(stay.id)).toMatchObject({ personInCustody: true });

    const before = await holdings(stay.id);
    expect(before).toMatchObject({ items: 'held,held', balance: 50000 });
    const abandon = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed after notice' });
    expect(abandon.status).toBe(409);
    expect(abandon.body).toMatchObject({ statusCode: 409, code: 'PERSON_IN_CUSTODY' });
    expect(abandon.body.message).toContain('RET-B');
    expect(abandon.body.message).toContain('return the belongings');
    expect(abandon.body.details).toEqual([expect.objectContaining({ field: 'stayId' })]);
    expect(await holdings(stay.id)).toEqual(before);
    const abandoned = await t.db.query(
      `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'property.unclaimed.abandon'`,
      [stay.id],
    );
    expect(abandoned).toEqual([]);

    // Held at another centre: the belongings are kept here until the person can take them in person.
    const byOfficer = await returns(stay.id, { witnessId: witness.id }, officer.token);
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.code).toBe('MANAGER_AUTHORISATION_REQUIRED');
    const elsewhere = await returns(stay.id, { witnessId: witness.id });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ code: 'PERSON_NOT_HERE' });
    expect(elsewhere.body.message).toContain('RET-B');
    expect(await holdings(stay.id)).toEqual(before);

    // Released at B, detained again and brought here: now they take them back.
    await closeStayInDatabase(t.db, readmitted.body.id);
    const { person: _p, ...here } = admissionInput({ centreId: a.id, personId: stay.personId });
    expect((await t.http.post('/api/v1/admissions').set(bearer(officer.token)).send(here)).status).toBe(201);

    // The return keeps its rules: the ring needs a witness, and the person themselves takes it.
    const unwitnessed = await returns(stay.id, {});
    expect(unwitnessed.status).toBe(422);
    expect(unwitnessed.body.code).toBe('WITNESS_REQUIRED');
    const toSomeoneElse = await returns(stay.id, {
      witnessId: witness.id,
      recipient: { name: 'Ana María López', relationship: 'sister' },
    });
    expect(toSomeoneElse.status).toBe(422);
    expect(toSomeoneElse.body).toMatchObject({ code: 'RECIPIENT_NOT_ALLOWED' });
    expect(toSomeoneElse.body.details).toEqual([expect.objectContaining({ field: 'recipient' })]);
    expect(await holdings(stay.id)).toEqual(before);

    const returned = await returns(stay.id, { witnessId: witness.id });
    expect(returned.status).toBe(201);
    expect(returned.body).toMatchObject({
      type: 'return',
      number: expect.stringMatching(/^RC-RET-A-\d{4}-\d{6}$/),
    });
    expect(returned.body.lines.cash).toEqual([{ currency: 'USD', amountMinor: 50000, amount: '500.00 USD' }]);
    expect(returned.body.lines.items.map((i: { description: string }) => i.description).sort()).toEqual([
      'Gold ring',
      'Passport (Honduras)',
    ]);
    expect(returned.body.snapshot.recipient).toBeNull();
    const signed = await acknowledge(t.http, officer.token, returned.body);
    expect(signed.acknowledgedAt).not.toBeNull();

    expect(await holdings(stay.id)).toMatchObject({ items: 'returned,returned', balance: 0 });
    expect(await unclaimedEntry(stay.id)).toBeUndefined();
    const [audit] = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'property.return'`,
      [stay.id],
    );
    expect(audit.details).toMatchObject({
      receipt: returned.body.number,
      cash: ['500.00 USD'],
      witnessId: witness.id,
      stayStatus: 'ABSCONDED',
      recipient: null,
    });
  });

  it('held again under another record merged with this one: still in custody, nothing is abandoned', async () => {
    const person = {
      givenNames: 'Marvin',
      familyNames: 'Oseguera',
      dateOfBirth: '1991-09-09',
      nationalities: ['HN'],
    };
    const stay = await admit(t.http, officer.token, a.id, { person });
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, {
        items: [],
        cash: [{ currency: 'USD', amountMinor: 2000 }],
      }),
    );
    await exit(stay.id, 'ABSCONDED');
    // A new record at B, confirmed by B's manager to be the same man.
    const later = await admit(t.http, officerB.token, b.id, { person });
    const managerB = await createUser(t.http, t.adminToken, [Role.CentreManager], [b.id]);
    const merged = await t.http
      .post(`/api/v1/persons/${later.personId}/match-decisions`)
      .set(bearer(managerB.token))
      .send({ candidatePersonId: stay.personId, decision: 'confirmed', reason: 'Same man, same tattoo' });
    expect(merged.status).toBe(201);
    expect(await unclaimedEntry(stay.id)).toMatchObject({ personInCustody: true });
    const abandon = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed after notice' });
    expect(abandon.status).toBe(409);
    expect(abandon.body).toMatchObject({ code: 'PERSON_IN_CUSTODY' });
  });

  it('after DECEASED the belongings go to the recipient the receipt names', async () => {
    const stay = await stayWithValuables();
    await exit(stay.id, 'DECEASED');
    const before = await holdings(stay.id);

    const nobody = await returns(stay.id, { witnessId: witness.id });
    expect(nobody.status).toBe(422);
    expect(nobody.body).toMatchObject({ code: 'RECIPIENT_REQUIRED' });
    expect(nobody.body.details).toEqual([
      { field: 'recipient', message: 'is required when the stay is DECEASED' },
    ]);
    const blank = await returns(stay.id, {
      witnessId: witness.id,
      recipient: { name: ' ', relationship: 'x' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'recipient.name' })]);
    expect(await holdings(stay.id)).toEqual(before);

    const recipient = { name: 'Ana María López Mejía', relationship: 'sister, next of kin' };
    const returned = await returns(stay.id, { witnessId: witness.id, recipient });
    expect(returned.status).toBe(201);
    expect(returned.body.snapshot.recipient).toEqual(recipient);
    // The recipient signs the receipt; it keeps naming them once acknowledged.
    const signed = await t.http
      .post(`/api/v1/property-receipts/${returned.body.id}/acknowledge`)
      .set(bearer(officer.token))
      .send({ version: returned.body.version, person: { signatureSha256: signature() } });
    expect(signed.status).toBe(200);
    expect(signed.body.snapshot.recipient).toEqual(recipient);

    const moves = await t.db.query(
      `SELECT DISTINCT to_location FROM property_movements WHERE stay_id = $1 AND type = 'returned_to_person'`,
      [stay.id],
    );
    expect(moves).toEqual([{ to_location: 'handed to Ana María López Mejía (sister, next of kin)' }]);
    expect(await holdings(stay.id)).toMatchObject({ items: 'returned,returned', balance: 0 });
    const [audit] = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'property.return'`,
      [stay.id],
    );
    expect(audit.details).toMatchObject({ stayStatus: 'DECEASED', recipient });

    // The receipt's PDF names who took the belongings and who signed, not "the person".
    const [{ document_id: documentId }] = await t.db.query(
      `SELECT document_id FROM property_receipts WHERE id = $1`,
      [returned.body.id],
    );
    await waitForDocument(t.http, officer.token, documentId);
    const file = await t.http
      .get(`/api/v1/documents/${documentId}/file`)
      .set(bearer(officer.token))
      .buffer(true)
      .parse(binaryParser);
    const text = pdfText(file.body).replace(/\s+/g, ' ');
    expect(text).toContain(`${recipient.name} (${recipient.relationship})`);
    expect(text).toMatch(new RegExp(`${recipient.name} (firmó|signed)`));
    expect(text).not.toMatch(
      /devueltas a la persona|returned to the person|La persona firmó|The person signed/,
    );
  });

  it('after ABSCONDED, a person at liberty who comes to claim them gets them back, before a witness', async () => {
    const stay = await admit(t.http, officer.token, a.id);
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, {
        items: [],
        cash: [{ currency: 'USD', amountMinor: 1500 }],
      }),
    );
    await exit(stay.id, 'ABSCONDED');
    const unwitnessed = await returns(stay.id, {});
    expect(unwitnessed.status).toBe(422);
    expect(unwitnessed.body).toMatchObject({ code: 'WITNESS_REQUIRED' });
    const returned = await returns(stay.id, { witnessId: witness.id });
    expect(returned.status).toBe(201);
    expect(returned.body.lines.cash).toEqual([expect.objectContaining({ amount: '15.00 USD' })]);
  });

  it('a RELEASED stay stays read-only', async () => {
    const stay = await admit(t.http, officer.token, a.id);
    await verifyIdentityForExit(t.http, [officer.token, witness.token], stay.id, 'RELEASE');
    const read = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(manager.token));
    const released = await t.http
      .post(`/api/v1/stays/${stay.id}/release`)
      .set(bearer(manager.token))
      .send({ legalBasis: 'Orden de salida 12/2026', releaseTo: 'FAMILY', version: read.body.version });
    expect(released.status).toBe(200);
    const closed = await returns(stay.id, {});
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('STAY_READ_ONLY');
  });
});
