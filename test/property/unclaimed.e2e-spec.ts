import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { intake, phone } from '../factories/property';
import { createTestApp, TestApp } from '../support/test-app';

/** Unclaimed property with the deadline set to 0 days, so that it passes during the test. */
describe('unclaimed property', () => {
  let t: TestApp;
  let centre: { id: string; code: string };
  let officer: TestUser;
  let manager: TestUser;

  const abscond = async (stayId: string) => {
    const stay = await t.http.get(`/api/v1/stays/${stayId}`).set(bearer(manager.token));
    const res = await t.http
      .post(`/api/v1/stays/${stayId}/exit`)
      .set(bearer(manager.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: stay.body.version });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ PROPERTY_UNCLAIMED_DAYS: '0', PROPERTY_NOTICE_DAYS: '0' });
    centre = await createCentre(t.http, t.adminToken, { code: 'UNC-01' });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  it('lists belongings left after exit, records the notice, and lets a manager dispose after the deadline', async () => {
    const stay = await admit(t.http, officer.token, centre.id, {
      person: { forwardingAddress: 'Calle 5 #12, San Pedro Sula' },
    });
    const active = await admit(t.http, officer.token, centre.id);
    await intake(t.http, officer.token, stay.id, {
      items: [phone({ sealNumber: 'U-1' })],
      cash: [{ currency: 'HNL', amountMinor: 50000 }],
    });
    await intake(t.http, officer.token, active.id, { items: [phone()], cash: [] });
    await abscond(stay.id);

    const list = await t.http
      .get(`/api/v1/centres/${centre.id}/unclaimed-property`)
      .set(bearer(officer.token));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      stayId: stay.id,
      stayStatus: 'ABSCONDED',
      deadlinePassed: true,
      noticeSentAt: null,
      forwardingAddress: 'Calle 5 #12, San Pedro Sula',
    });
    expect(list.body[0].cash).toEqual([expect.objectContaining({ balance: '500.00 HNL' })]);

    const tooEarly = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('NOTICE_REQUIRED');

    const notice = await t.http
      .post(`/api/v1/stays/${stay.id}/property/unclaimed-notices`)
      .set(bearer(officer.token))
      .send({ forwardingAddress: 'Calle 5 #12, San Pedro Sula', channel: 'registered post' });
    expect(notice.status).toBe(201);
    expect(notice.body.noticeSentAt).not.toBeNull();

    const byOfficer = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(officer.token))
      .send({ reason: 'unclaimed' });
    expect(byOfficer.status).toBe(403);
    const abandoned = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed after notice' });
    expect(abandoned.status).toBe(200);
    const after = await t.http
      .get(`/api/v1/centres/${centre.id}/unclaimed-property`)
      .set(bearer(officer.token));
    expect(after.body).toEqual([]);
    const items = await t.db.query(
      `SELECT status, disposal_authorised_by FROM property_items WHERE stay_id = $1`,
      [stay.id],
    );
    expect(items).toEqual([{ status: 'disposed', disposal_authorised_by: manager.id }]);
    // The seal is free again once the bag has left the store.
    await intake(t.http, officer.token, active.id, { items: [phone({ sealNumber: 'u-1' })], cash: [] });
    const audit = await t.db.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'property.unclaimed.%'`,
      [stay.id],
    );
    expect(audit.map((x: { action: string }) => x.action).sort()).toEqual([
      'property.unclaimed.abandon',
      'property.unclaimed.notice',
    ]);
  });
});

/** With the default deadline (30 days): an exit recorded as long past does not shorten it. */
describe('unclaimed property: a backdated exit', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  it('runs the deadline from when the absconding was recorded, not from when it is said to have happened', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await intake(t.http, officer.token, stay.id, { items: [phone()], cash: [] });
    // A stay of 200 days (the admission time is the server's; here the days pass in the database).
    await t.db.query(`UPDATE stays SET admitted_at = now() - interval '200 days' WHERE id = $1`, [stay.id]);
    const occurredAt = new Date(Date.now() - 150 * 86_400_000).toISOString();
    const read = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(manager.token));
    const before = Date.now();
    const exit = await t.http.post(`/api/v1/stays/${stay.id}/exit`).set(bearer(manager.token)).send({
      outcome: 'ABSCONDED',
      report: 'Found to have left months ago',
      occurredAt,
      version: read.body.version,
    });
    expect(exit.status).toBe(200);
    expect(exit.body.exitedAt).toBe(occurredAt);
    expect(new Date(exit.body.exitRecordedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const [entry] = (
      await t.http.get(`/api/v1/centres/${centre.id}/unclaimed-property`).set(bearer(officer.token))
    ).body;
    expect(entry).toMatchObject({ stayId: stay.id, exitedAt: occurredAt, deadlinePassed: false });
    const deadline = new Date(entry.deadline).getTime();
    expect(deadline - new Date(entry.exitRecordedAt).getTime()).toBe(30 * 86_400_000);

    await t.http
      .post(`/api/v1/stays/${stay.id}/property/unclaimed-notices`)
      .set(bearer(officer.token))
      .send({ forwardingAddress: 'Calle 5 #12, San Pedro Sula', channel: 'registered post' })
      .expect(201);
    const abandon = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed' });
    expect(abandon.status).toBe(409);
    expect(abandon.body.code).toBe('DEADLINE_NOT_PASSED');
    const items = await t.db.query(`SELECT status FROM property_items WHERE stay_id = $1`, [stay.id]);
    expect(items).toEqual([{ status: 'held' }]);
  });
});

/** The same, with the notice period at its default (14 days): a notice sent on the last day still gives time. */
describe('unclaimed property: the notice gives the person time to come', () => {
  let t: TestApp;
  let centre: { id: string };
  let officer: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ PROPERTY_UNCLAIMED_DAYS: '0' });
    centre = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [centre.id]);
  });
  afterAll(() => t.close());

  it('abandoning waits PROPERTY_NOTICE_DAYS after the notice, even when the deadline after exit has passed', async () => {
    const stay = await admit(t.http, officer.token, centre.id);
    await intake(t.http, officer.token, stay.id, { items: [phone()], cash: [] });
    const current = await t.http.get(`/api/v1/stays/${stay.id}`).set(bearer(manager.token));
    await t.http
      .post(`/api/v1/stays/${stay.id}/exit`)
      .set(bearer(manager.token))
      .send({ outcome: 'ABSCONDED', report: 'Missing at the 06:00 count', version: current.body.version })
      .expect(200);
    const notice = await t.http
      .post(`/api/v1/stays/${stay.id}/property/unclaimed-notices`)
      .set(bearer(officer.token))
      .send({ forwardingAddress: 'Calle 5 #12, San Pedro Sula', channel: 'registered post' });
    expect(notice.status).toBe(201);
    const sentAt = new Date(notice.body.noticeSentAt).getTime();
    expect(new Date(notice.body.deadline).getTime()).toBe(sentAt + 14 * 24 * 3600_000);
    expect(notice.body.deadlinePassed).toBe(false);
    const abandon = await t.http
      .post(`/api/v1/stays/${stay.id}/property/abandon`)
      .set(bearer(manager.token))
      .send({ reason: 'unclaimed after notice' });
    expect(abandon.status).toBe(409);
    expect(abandon.body.code).toBe('DEADLINE_NOT_PASSED');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM property_items WHERE stay_id = $1 AND status = 'disposed'`,
      [stay.id],
    );
    expect(n).toBe(0);
  });
});
