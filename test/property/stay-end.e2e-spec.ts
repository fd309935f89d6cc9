import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { verifyIdentityForExit } from '../factories/identity';
import { acknowledge, intake, phone, signature } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

/** Cash and belongings at the moment a stay ends: released, transferred, absconded or deceased. */
describe('property when a stay ends', () => {
  let t: TestApp;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let officer: TestUser;
  let witness: TestUser;
  let manager: TestUser;
  let officerB: TestUser;

  const stayVersion = async (stayId: string) =>
    (await t.http.get(`/api/v1/stays/${stayId}`).set(bearer(manager.token))).body.version as number;

  const release = async (stayId: string, version?: number) =>
    t.http
      .post(`/api/v1/stays/${stayId}/release`)
      .set(bearer(manager.token))
      .send({
        legalBasis: 'Orden de salida 12/2026',
        releaseTo: 'FAMILY',
        version: version ?? (await stayVersion(stayId)),
      });

  const exit = async (stayId: string, outcome: 'ABSCONDED' | 'DECEASED') => {
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/exit`)
      .set(bearer(manager.token))
      .send({ outcome, report: 'Recorded by the night shift', version: await stayVersion(stayId) });
    expect(res.status).toBe(200);
  };

  const deposit = (stayId: string, amountMinor: number) =>
    t.http
      .post(`/api/v1/stays/${stayId}/property/cash/deposits`)
      .set(bearer(officer.token))
      .send({ currency: 'USD', amountMinor, acknowledgement: { signatureSha256: signature() } });

  const withdraw = (stayId: string, amountMinor: number) =>
    t.http
      .post(`/api/v1/stays/${stayId}/property/cash/withdrawals`)
      .set(bearer(officer.token))
      .send({
        currency: 'USD',
        amountMinor,
        purpose: 'phone card',
        acknowledgement: { signatureSha256: signature() },
      });

  const correct = (movementId: string, token = officer.token) =>
    t.http
      .post(`/api/v1/cash-movements/${movementId}/corrections`)
      .set(bearer(token))
      .send({ reason: 'entered twice by mistake' });

  const unclaimed = async () => {
    const res = await t.http.get(`/api/v1/centres/${a.id}/unclaimed-property`).set(bearer(officer.token));
    expect(res.status).toBe(200);
    return res.body as {
      stayId: string;
      items: { description: string; status: string }[];
      cash: { balance: string }[];
      inTransit: { items: { description: string; status: string }[]; cash: { amount: string }[] };
    }[];
  };

  const later = <T>(ms: number, send: () => PromiseLike<T>): Promise<T> =>
    new Promise((resolve, reject) => setTimeout(() => send().then(resolve, reject), ms));

  /** The sum of the stay's cash movements and the balances of its accounts, read from the database. */
  const ledger = async (stayId: string) => {
    const [row] = await t.db.query(
      `SELECT (SELECT status FROM stays WHERE id = $1) AS status,
              (SELECT coalesce(sum(balance_minor), 0)::int FROM cash_accounts WHERE stay_id = $1) AS balance,
              (SELECT coalesce(sum(amount_minor), 0)::int FROM cash_movements WHERE stay_id = $1) AS movements,
              (SELECT count(*)::int FROM cash_movements WHERE stay_id = $1) AS count`,
      [stayId],
    );
    return row as { status: string; balance: number; movements: number; count: number };
  };

  const handover = async (stayId: string) => {
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/property/transfer-handover`)
      .set(bearer(officer.token))
      .send({ receivingCentreId: b.id });
    expect(res.status).toBe(201);
    await acknowledge(t.http, officer.token, res.body);
    return res.body as { id: string; number: string };
  };

  const requestTransfer = async (stayId: string) => {
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/transfer`)
      .set(bearer(manager.token))
      .send({ toCentreId: b.id, legalBasis: 'Oficio INM/2026/1187', reason: 'capacity' });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };

  const reverse = (stayId: string) =>
    t.http
      .post(`/api/v1/stays/${stayId}/property/transfer-handover/reversal`)
      .set(bearer(officer.token))
      .send({ reason: 'The transfer will not happen: the stay has ended', storageLocation: 'Store A-2' });

  beforeAll(async () => {
    t = await createTestApp({ PROPERTY_UNCLAIMED_DAYS: '0', PROPERTY_NOTICE_DAYS: '0' });
    a = await createCentre(t.http, t.adminToken, { code: 'END-A' });
    b = await createCentre(t.http, t.adminToken, { code: 'END-B' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    witness = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [a.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [a.id]);
    officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [b.id]);
  });
  afterAll(() => t.close());

  it('a deposit fired together with the release never lands on the released stay', async () => {
    for (let round = 0; round < 12; round++) {
      const stay = await admit(t.http, officer.token, a.id);
      // Identity is its own gate (two officers at release); satisfied so only property stands in the way.
      await verifyIdentityForExit(t.http, [officer.token, witness.token], stay.id, 'RELEASE');
      const version = await stayVersion(stay.id);
      // Either request may start first, by a few milliseconds, so that both orders of the race are exercised.
      const lead = (Math.floor(round / 2) % 4) * 2;
      const [released, deposited] = await Promise.all([
        later(round % 2 ? lead : 0, () => release(stay.id, version)),
        later(round % 2 ? 0 : lead, () => deposit(stay.id, 5000)),
      ]);

      const after = await ledger(stay.id);
      // The invariant: a RELEASED stay holds no money, and a balance is always the sum of its movements.
      if (after.status === 'RELEASED') expect(after.balance).toBe(0);
      expect(after.balance).toBe(after.movements);
      if (released.status === 200) {
        // The release took the stay lock first: the deposit waited, then found the stay closed.
        expect(deposited.status).toBe(409);
        expect(deposited.body.code).toBe('STAY_READ_ONLY');
        expect(after).toMatchObject({ status: 'RELEASED', balance: 0, count: 0 });
      } else {
        // The deposit committed first: the release gate saw the money and refused.
        expect(released.status).toBe(409);
        expect(released.body.code).toBe('EXIT_BLOCKED');
        expect(JSON.stringify(released.body)).toContain('PROPERTY_NOT_RECONCILED');
        expect(deposited.status).toBe(201);
        expect(after).toMatchObject({ status: 'ACTIVE', balance: 5000, count: 1 });
      }
      const audited = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'property.cash.deposit'
           AND details->>'stayId' = $1`,
        [stay.id],
      );
      expect(audited[0].n).toBe(after.count);
    }
  });

  it('a cash correction on a RELEASED or TRANSFERRED stay is refused; after ABSCONDED a manager still corrects the unclaimed balance', async () => {
    const corrections = async (stayId: string) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'property.cash.correct'
             AND details->>'stayId' = $1 AND outcome = 'success'`,
          [stayId],
        )
      )[0].n as number;

    // RELEASED: money in and out during the stay, then released with nothing held.
    const released = await admit(t.http, officer.token, a.id);
    const inRel = await deposit(released.id, 5000);
    const outRel = await withdraw(released.id, 5000);
    expect([inRel.status, outRel.status]).toEqual([201, 201]);
    await verifyIdentityForExit(t.http, [officer.token, witness.token], released.id, 'RELEASE');
    expect((await release(released.id)).status).toBe(200);
    for (const movementId of [outRel.body.movement.id, inRel.body.movement.id]) {
      const refused = await correct(movementId);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'STAY_READ_ONLY' });
      expect(refused.body.details).toEqual([{ field: 'status', message: 'is RELEASED' }]);
    }
    expect(await ledger(released.id)).toMatchObject({ status: 'RELEASED', balance: 0, count: 2 });
    expect(await corrections(released.id)).toBe(0);

    // TRANSFERRED: USD 30 went with the person to B; correcting an old withdrawal would leave USD 20 at A.
    const moved = await admit(t.http, officer.token, a.id);
    expect((await deposit(moved.id, 5000)).status).toBe(201);
    const outMoved = await withdraw(moved.id, 2000);
    expect(outMoved.status).toBe(201);
    await handover(moved.id);
    const band = await verifyIdentityForExit(t.http, [officer.token], moved.id, 'TRANSFER_OUT');
    const requested = await requestTransfer(moved.id);
    await verifyIdentityForExit(t.http, [officerB.token], moved.id, 'TRANSFER_IN', band);
    const accepted = await t.http
      .post(`/api/v1/transfers/${requested.id}/accept`)
      .set(bearer(officerB.token))
      .send({ version: requested.version });
    expect(accepted.status).toBe(200);
    const refusedMoved = await correct(outMoved.body.movement.id);
    expect(refusedMoved.status).toBe(409);
    expect(refusedMoved.body.code).toBe('STAY_READ_ONLY');
    expect(await ledger(moved.id)).toMatchObject({ status: 'TRANSFERRED', balance: 0 });
    expect(await corrections(moved.id)).toBe(0);

    // ABSCONDED: a deposit entered twice is corrected, so what is kept (and later disposed of) is right. The
    // person cannot object any more: an officer alone corrects nothing, not even a withdrawal, and nothing moves.
    const gone = await admit(t.http, officer.token, a.id);
    expect((await deposit(gone.id, 5000)).status).toBe(201);
    const twice = await deposit(gone.id, 5000);
    expect(twice.status).toBe(201);
    const card = await withdraw(gone.id, 1000);
    expect(card.status).toBe(201);
    await exit(gone.id, 'ABSCONDED');
    for (const movementId of [twice.body.movement.id, card.body.movement.id]) {
      const alone = await correct(movementId);
      expect(alone.status).toBe(403);
      expect(alone.body.code).toBe('MANAGER_AUTHORISATION_REQUIRED');
    }
    expect(await ledger(gone.id)).toMatchObject({ status: 'ABSCONDED', balance: 9000, count: 3 });
    expect(await corrections(gone.id)).toBe(0);
    const denied = await t.db.query(
      `SELECT actor_id FROM audit_events WHERE action = 'property.cash.correct' AND outcome = 'denied'
         AND details->>'stayId' = $1`,
      [gone.id],
    );
    expect(denied).toEqual([{ actor_id: officer.id }, { actor_id: officer.id }]);
    const fixed = await correct(twice.body.movement.id, manager.token);
    expect(fixed.status).toBe(201);
    expect(fixed.body.account).toMatchObject({ balanceMinor: 4000, balance: '40.00 USD' });
    expect(await corrections(gone.id)).toBe(1);
    expect(await ledger(gone.id)).toMatchObject({ status: 'ABSCONDED', balance: 4000, movements: 4000 });
    // Neither closed stay shows as unclaimed; the absconded one does, with the corrected amount.
    const list = await unclaimed();
    expect(list.map((e) => e.stayId)).toEqual([gone.id]);
    expect(list[0].cash).toEqual([expect.objectContaining({ balance: '40.00 USD' })]);
  });

  it('belongings handed over for a transfer come back into store after DECEASED and are then unclaimed, then abandoned', async () => {
    const stay = await admit(t.http, officer.token, a.id);
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, {
        items: [phone({ sealNumber: 'D-1' })],
        cash: [{ currency: 'USD', amountMinor: 12000 }],
      }),
    );
    await handover(stay.id);
    await exit(stay.id, 'DECEASED');

    // With the escort and never arriving: listed as in transit, and not abandoned before it is taken back.
    const before = await unclaimed();
    const entry = before.find((e) => e.stayId === stay.id)!;
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({ items: [], cash: [] });
    expect(entry.inTransit.items).toEqual([
      expect.objectContaining({ description: 'Samsung Galaxy A12, black', status: 'handed_over' }),
    ]);
    expect(entry.inTransit.cash).toEqual([{ currency: 'USD', amountMinor: 12000, amount: '120.00 USD' }]);
    const notice = await t.http
      .post(`/api/v1/stays/${stay.id}/property/unclaimed-notices`)
      .set(bearer(officer.token))
      .send({ forwardingAddress: 'Calle 5 #12, San Pedro Sula', channel: 'registered post' });
    expect(notice.status).toBe(201);
    const tooSoon = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed after notice' });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('HANDOVER_NOT_REVERSED');

    const reversed = await reverse(stay.id);
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ type: 'amendment' });
    expect(reversed.body.lines.cash).toEqual([{ currency: 'USD', amountMinor: 12000, amount: '120.00 USD' }]);
    const property = await t.http.get(`/api/v1/stays/${stay.id}/property`).set(bearer(officer.token));
    expect(property.body.items).toEqual([
      expect.objectContaining({ status: 'held', storageLocation: 'Store A-2' }),
    ]);
    expect(property.body.bags).toEqual([expect.objectContaining({ sealNormalised: 'D-1', status: 'held' })]);
    expect(property.body.cash).toEqual([expect.objectContaining({ currency: 'USD', balanceMinor: 12000 })]);
    const again = await reverse(stay.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOTHING_IN_TRANSIT');

    const after = (await unclaimed()).find((e) => e.stayId === stay.id)!;
    expect(after.items).toEqual([expect.objectContaining({ status: 'held' })]);
    expect(after.cash).toEqual([expect.objectContaining({ balance: '120.00 USD' })]);
    expect(after.inTransit).toEqual({ items: [], cash: [] });

    const abandoned = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed after notice' });
    expect(abandoned.status).toBe(200);
    expect((await unclaimed()).find((e) => e.stayId === stay.id)).toBeUndefined();
    expect(await ledger(stay.id)).toMatchObject({ balance: 0, movements: 0 });
    const audit = await t.db.query(
      `SELECT action, details FROM audit_events WHERE entity_id = $1 AND action LIKE 'property.%'
       ORDER BY occurred_at`,
      [stay.id],
    );
    const actions = audit.map((x: { action: string }) => x.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'property.transfer.handover',
        'property.transfer.reverse',
        'property.unclaimed.notice',
        'property.unclaimed.abandon',
      ]),
    );
    const reverseAudit = audit.find((x: { action: string }) => x.action === 'property.transfer.reverse');
    expect(reverseAudit.details).toMatchObject({ seals: ['D-1'], cash: ['120.00 USD'] });
  });

  it('after ABSCONDED the pending transfer is cancelled and the handover can be taken back; a RELEASED stay cannot', async () => {
    const stay = await admit(t.http, officer.token, a.id);
    await acknowledge(
      t.http,
      officer.token,
      await intake(t.http, officer.token, stay.id, { items: [phone()], cash: [] }),
    );
    await handover(stay.id);
    await verifyIdentityForExit(t.http, [officer.token], stay.id, 'TRANSFER_OUT');
    await requestTransfer(stay.id);
    const pending = await reverse(stay.id);
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('TRANSFER_PENDING');
    await exit(stay.id, 'ABSCONDED');
    const reversed = await reverse(stay.id);
    expect(reversed.status).toBe(201);
    const entry = (await unclaimed()).find((e) => e.stayId === stay.id)!;
    expect(entry.items).toEqual([expect.objectContaining({ status: 'held' })]);

    // A RELEASED stay is read-only: there is nothing in transit, and the refusal says why first.
    const released = await admit(t.http, officer.token, a.id);
    await verifyIdentityForExit(t.http, [officer.token, witness.token], released.id, 'RELEASE');
    expect((await release(released.id)).status).toBe(200);
    const closed = await reverse(released.id);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('STAY_READ_ONLY');
  });
});
