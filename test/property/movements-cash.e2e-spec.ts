import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { intake, phone, signature } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

describe('property movements and cash', () => {
  let t: TestApp;
  let centre: { id: string; code: string };
  let officer: TestUser;
  let witness: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken, { code: 'MOV-01' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    witness = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  it('records moves and temporary removals append-only; a stale version is 409; a correction reverses', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const r = await intake(t.http, officer.token, stay.id, {
      items: [phone({ category: 'medication', description: 'Insulin', storageLocation: 'Fridge 1' })],
      cash: [],
    });
    const itemId = (r.lines.items[0] as { itemId: string }).itemId;
    const url = `/api/v1/property-items/${itemId}/movements`;
    const out = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ type: 'taken_temporarily', version: 1, toLocation: 'Clinic', reason: 'morning dose' });
    expect(out.status).toBe(201);
    expect(out.body).toMatchObject({ status: 'out_temporarily', storageLocation: 'Clinic', version: 2 });
    const stale = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ type: 'returned_temporarily', version: 1, toLocation: 'Fridge 1' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const back = await t.http
      .post(url)
      .set(bearer(officer.token))
      .send({ type: 'returned_temporarily', version: 2, toLocation: 'Fridge 2' });
    expect(back.body).toMatchObject({ status: 'held', storageLocation: 'Fridge 2' });

    const history = await t.http.get(url).set(bearer(officer.token));
    expect(history.body.map((m: { type: string }) => m.type)).toEqual([
      'checked_in',
      'taken_temporarily',
      'returned_temporarily',
    ]);
    const last = history.body[2];
    const corrected = await t.http
      .post(`/api/v1/property-movements/${last.id}/corrections`)
      .set(bearer(officer.token))
      .send({ reason: 'wrong fridge' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ status: 'out_temporarily', storageLocation: 'Clinic' });
    const twice = await t.http
      .post(`/api/v1/property-movements/${last.id}/corrections`)
      .set(bearer(officer.token))
      .send({ reason: 'again' });
    expect(twice.status).toBe(409);

    await expect(
      t.db.query(`UPDATE property_movements SET reason = 'x' WHERE item_id = $1`, [itemId]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM property_movements WHERE item_id = $1`, [itemId])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM property_items WHERE id = $1`, [itemId])).rejects.toThrow();
  });

  it('a bag emptied by a seizure is released; correcting the seizure holds it again, unless its seal is reused', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const r = await intake(t.http, officer.token, stay.id, {
      items: [phone({ sealNumber: 'M-1' })],
      cash: [],
    });
    const itemId = (r.lines.items[0] as { itemId: string }).itemId;
    const bag = async () =>
      (await t.db.query(`SELECT status FROM property_bags WHERE stay_id = $1`, [stay.id]))[0].status;
    const seized = await t.http
      .post(`/api/v1/property-items/${itemId}/movements`)
      .set(bearer(officer.token))
      .send({ type: 'seized', version: 1, authority: 'Fiscalía', reference: 'FGR/7', witnessId: witness.id });
    expect(seized.status).toBe(201);
    expect(await bag()).toBe('released');
    const history = await t.http.get(`/api/v1/property-items/${itemId}/movements`).set(bearer(officer.token));
    const seizure = history.body[history.body.length - 1].id as string;

    // While another stay's bag carries the seal, the correction is refused and nothing is written.
    const other = await admit(t.http, officer.token, centre.id);
    const reused = await intake(t.http, officer.token, other.id, {
      items: [phone({ sealNumber: 'm-1' })],
      cash: [],
    });
    const blocked = await t.http
      .post(`/api/v1/property-movements/${seizure}/corrections`)
      .set(bearer(officer.token))
      .send({ reason: 'seized by mistake' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('SEAL_IN_USE');
    expect(await bag()).toBe('released');
    const after = await t.http.get(`/api/v1/property-items/${itemId}/movements`).set(bearer(officer.token));
    expect(after.body).toHaveLength(history.body.length);

    // Once the seal is free again, the item goes back into its bag.
    const reusedId = (reused.lines.items[0] as { itemId: string }).itemId;
    await t.http
      .post(`/api/v1/property-items/${reusedId}/movements`)
      .set(bearer(officer.token))
      .send({ type: 'seized', version: 1, authority: 'Fiscalía', reference: 'FGR/8', witnessId: witness.id })
      .expect(201);
    const corrected = await t.http
      .post(`/api/v1/property-movements/${seizure}/corrections`)
      .set(bearer(officer.token))
      .send({ reason: 'seized by mistake' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ status: 'held', seizedAuthority: null });
    expect(await bag()).toBe('held');
  });

  it('deposits and withdrawals need the person acknowledgement; a refusal needs a witness', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const url = `/api/v1/stays/${stay.id}/property/cash`;
    const missing = await t.http
      .post(`${url}/deposits`)
      .set(bearer(officer.token))
      .send({ currency: 'USD', amountMinor: 5000 });
    expect(missing.status).toBe(400);
    const refusedAlone = await t.http
      .post(`${url}/deposits`)
      .set(bearer(officer.token))
      .send({ currency: 'USD', amountMinor: 5000, acknowledgement: { refusedToSign: true } });
    expect(refusedAlone.status).toBe(422);
    const deposit = await t.http
      .post(`${url}/deposits`)
      .set(bearer(officer.token))
      .send({
        currency: 'USD',
        amountMinor: 5000,
        purpose: 'sent by family',
        acknowledgement: { refusedToSign: true, witnessId: witness.id },
      });
    expect(deposit.status).toBe(201);
    expect(deposit.body.account).toMatchObject({ currency: 'USD', balanceMinor: 5000, balance: '50.00 USD' });
    const float = await t.http
      .post(`${url}/withdrawals`)
      .set(bearer(officer.token))
      .send({
        currency: 'USD',
        amountMinor: 10.5,
        purpose: 'x',
        acknowledgement: { signatureSha256: signature() },
      });
    expect(float.status).toBe(400);
    const tooMuch = await t.http
      .post(`${url}/withdrawals`)
      .set(bearer(officer.token))
      .send({
        currency: 'USD',
        amountMinor: 5001,
        purpose: 'x',
        acknowledgement: { signatureSha256: signature() },
      });
    expect(tooMuch.status).toBe(422);
    const otherCurrency = await t.http
      .post(`${url}/withdrawals`)
      .set(bearer(officer.token))
      .send({
        currency: 'MXN',
        amountMinor: 100,
        purpose: 'x',
        acknowledgement: { signatureSha256: signature() },
      });
    expect(otherCurrency.status).toBe(422);
    // A fund code is not money a person carries.
    const fund = await t.http
      .post(`${url}/deposits`)
      .set(bearer(officer.token))
      .send({ currency: 'MXV', amountMinor: 5000, acknowledgement: { signatureSha256: signature() } });
    expect(fund.status).toBe(400);
    expect(fund.body.details).toEqual([expect.objectContaining({ field: 'currency' })]);

    // A mistaken deposit is reversed by a correcting movement, never deleted. Taking money out without the
    // person's acknowledgement needs a manager: an officer's attempt is refused, on record, and moves nothing.
    const correct = (token: string) =>
      t.http
        .post(`/api/v1/cash-movements/${deposit.body.movement.id}/corrections`)
        .set(bearer(token))
        .send({ reason: 'entered on the wrong person' });
    const byOfficer = await correct(officer.token);
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body).toMatchObject({ statusCode: 403, code: 'MANAGER_AUTHORISATION_REQUIRED' });
    expect(byOfficer.body.message).toContain('50.00 USD');
    const [account] = await t.db.query(
      `SELECT balance_minor::int AS balance, (SELECT count(*)::int FROM cash_movements WHERE stay_id = $1) AS moves
       FROM cash_accounts WHERE stay_id = $1`,
      [stay.id],
    );
    expect(account).toEqual({ balance: 5000, moves: 1 });
    const denied = await t.db.query(
      `SELECT outcome, actor_id FROM audit_events WHERE action = 'property.cash.correct' AND entity_id = $1`,
      [deposit.body.movement.id],
    );
    expect(denied).toEqual([{ outcome: 'denied', actor_id: officer.id }]);
    const correction = await correct(manager.token);
    expect(correction.status).toBe(201);
    expect(correction.body.account.balanceMinor).toBe(0);
    const [authorised] = await t.db.query(`SELECT authorised_by FROM cash_movements WHERE id = $1`, [
      correction.body.movement.id,
    ]);
    expect(authorised.authorised_by).toBe(manager.id);
    const movements = await t.http.get(`${url}/movements`).set(bearer(officer.token));
    expect(movements.body.map((m: { type: string; amountMinor: number }) => [m.type, m.amountMinor])).toEqual(
      [
        ['deposit', 5000],
        ['correction', -5000],
      ],
    );
    await expect(t.db.query(`DELETE FROM cash_movements WHERE stay_id = $1`, [stay.id])).rejects.toThrow(
      /append-only/,
    );

    // An amount printed on an intake receipt is not corrected away.
    await intake(t.http, officer.token, stay.id, {
      items: [],
      cash: [{ currency: 'EUR', amountMinor: 700 }],
    });
    const all = await t.http.get(`${url}/movements`).set(bearer(officer.token));
    const intakeDeposit = all.body.find((m: { currency: string }) => m.currency === 'EUR');
    const refused = await t.http
      .post(`/api/v1/cash-movements/${intakeDeposit.id}/corrections`)
      .set(bearer(officer.token))
      .send({ reason: 'typo' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOT_CORRECTABLE');
  });

  it('an officer may still put back a mistaken withdrawal of an ACTIVE stay', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    const url = `/api/v1/stays/${stay.id}/property/cash`;
    const ack = { signatureSha256: signature() };
    await t.http
      .post(`${url}/deposits`)
      .set(bearer(officer.token))
      .send({ currency: 'USD', amountMinor: 5000, acknowledgement: ack })
      .expect(201);
    const out = await t.http
      .post(`${url}/withdrawals`)
      .set(bearer(officer.token))
      .send({ currency: 'USD', amountMinor: 2000, purpose: 'phone card', acknowledgement: ack });
    expect(out.status).toBe(201);
    const back = await t.http
      .post(`/api/v1/cash-movements/${out.body.movement.id}/corrections`)
      .set(bearer(officer.token))
      .send({ reason: 'the card was never bought' });
    expect(back.status).toBe(201);
    expect(back.body.account).toMatchObject({ balanceMinor: 5000, balance: '50.00 USD' });
    const [row] = await t.db.query(`SELECT authorised_by FROM cash_movements WHERE id = $1`, [
      back.body.movement.id,
    ]);
    expect(row.authorised_by).toBeNull();
  });
});
