import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { intake, phone, signature } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

describe('property under concurrency', () => {
  let t: TestApp;
  let centre: { id: string; code: string };
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken, { code: 'CON-01' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
  });
  afterAll(() => t.close());

  it('50 concurrent intakes in one centre produce 50 receipts numbered without gaps or duplicates', async () => {
    const stays = [];
    for (let i = 0; i < 50; i++) stays.push(await admit(t.http, officer.token, centre.id));
    const results = await Promise.all(
      stays.map((s, i) =>
        t.http
          .post(`/api/v1/stays/${s.id}/property/intake`)
          .set(bearer(officer.token))
          .send({
            items: [phone({ sealNumber: `B-${i}` })],
            cash: [{ currency: 'USD', amountMinor: 100 + i }],
          }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const year = new Date().getUTCFullYear();
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `RC-CON-01-${year}-${String(i + 1).padStart(6, '0')}`),
    );
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM property_receipts WHERE centre_id = $1`,
      [centre.id],
    );
    expect(n).toBe(50);
  }, 180_000);

  it('30 concurrent withdrawals never overdraw: the balance stays at or above zero and equals its movements', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await intake(t.http, officer.token, stay.id, {
      items: [],
      cash: [{ currency: 'MXN', amountMinor: 10000 }],
    });
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.http
          .post(`/api/v1/stays/${stay.id}/property/cash/withdrawals`)
          .set(bearer(officer.token))
          .send({
            currency: 'MXN',
            amountMinor: 500,
            purpose: 'phone card',
            acknowledgement: { signatureSha256: signature() },
          }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 422)).toHaveLength(10);
    expect(results.find((r) => r.status === 422)!.body.code).toBe('INSUFFICIENT_CASH');
    const [row] = await t.db.query(
      `SELECT a.balance_minor::bigint AS balance, (SELECT sum(amount_minor) FROM cash_movements m WHERE m.account_id = a.id) AS total
       FROM cash_accounts a WHERE a.stay_id = $1 AND a.currency = 'MXN'`,
      [stay.id],
    );
    expect(row).toEqual({ balance: '0', total: '0' });
    // The database itself refuses a negative balance.
    await expect(
      t.db.query(`UPDATE cash_accounts SET balance_minor = -1 WHERE stay_id = $1`, [stay.id]),
    ).rejects.toThrow(/CHK_cash_accounts_balance/);
  }, 120_000);
});
