import { randomBytes } from 'node:crypto';
import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser } from '../factories';
import { expectErrorShape, rowCounts } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

describe('users admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    email: `Maria.${randomBytes(3).toString('hex')}@Example.org`,
    displayName: '  María Gómez ',
    password: 'a-long-enough-password',
    roles: [Role.IntakeOfficer],
    centreIds: [t.demoCentreId],
    ...overrides,
  });
  const admin = () => ({ ...bearer(t.adminToken) });

  it('creates a user (201), normalising e-mail and name, never answering the password', async () => {
    const body = input();
    const res = await t.http.post('/api/v1/users').set(admin()).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: body.email.toLowerCase(),
      displayName: 'María Gómez',
      roles: [Role.IntakeOfficer],
      centreIds: [t.demoCentreId],
      active: true,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
  });

  it('answers 409 for an e-mail already in use (any case) and writes nothing', async () => {
    const body = input();
    expect((await t.http.post('/api/v1/users').set(admin()).send(body)).status).toBe(201);
    const before = await rowCounts(t.db);
    const res = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send(input({ email: body.email.toUpperCase() }));
    expectErrorShape(res, 409);
    expect(res.body).toMatchObject({ code: 'EMAIL_TAKEN', details: [{ field: 'email' }] });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('answers 409, not 500, when two requests create the same e-mail at once', async () => {
    const body = input();
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.http.post('/api/v1/users').set(admin()).send(body)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) expectErrorShape(r, 409);
  });

  it('answers 422 naming centreIds for an unknown centre and writes nothing', async () => {
    const before = await rowCounts(t.db);
    const res = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send(input({ centreIds: ['00000000-0000-4000-8000-000000000000'] }));
    expectErrorShape(res, 422);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_CENTRE', details: [{ field: 'centreIds' }] });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('lists and gets users', async () => {
    const u = await createUser(t.http, t.adminToken, [Role.Auditor], []);
    const list = await t.http.get('/api/v1/users').set(admin());
    expect(list.status).toBe(200);
    expect(list.body.map((x: { id: string }) => x.id)).toContain(u.id);
    const got = await t.http.get(`/api/v1/users/${u.id}`).set(admin());
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: u.id, email: u.email, roles: [Role.Auditor], centreIds: [] });
    expectErrorShape(
      await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(admin()),
      404,
    );
  });

  it('changes roles and centres with the current version; a stale version answers 409', async () => {
    const c = await createCentre(t.http, t.adminToken);
    const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [t.demoCentreId]);
    const res = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(admin())
      .send({
        version: 1,
        roles: [Role.CentreManager, Role.MedicalStaff],
        centreIds: [c.id],
        displayName: 'Renamed',
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      roles: [Role.CentreManager, Role.MedicalStaff],
      centreIds: [c.id],
      displayName: 'Renamed',
      version: 2,
    });
    // The user's next request sees the new roles and centres.
    const me = await t.http.get('/api/v1/auth/me').set(bearer(u.token));
    expect(me.body).toMatchObject({ roles: [Role.CentreManager, Role.MedicalStaff], centreIds: [c.id] });

    const stale = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(admin())
      .send({ version: 1, displayName: 'Lost' });
    expectErrorShape(stale, 409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: [{ field: 'version' }] });
    const after = await t.http.get(`/api/v1/users/${u.id}`).set(admin());
    expect(after.body.displayName).toBe('Renamed');
  });

  it('a stale version changes no centres either', async () => {
    const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [t.demoCentreId]);
    await t.http.patch(`/api/v1/users/${u.id}`).set(admin()).send({ version: 1, displayName: 'v2' });
    const stale = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(admin())
      .send({ version: 1, centreIds: [] });
    expectErrorShape(stale, 409);
    expect((await t.http.get(`/api/v1/users/${u.id}`).set(admin())).body.centreIds).toEqual([t.demoCentreId]);
  });

  it('answers 422 for an unknown centre on update', async () => {
    const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], []);
    const res = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(admin())
      .send({ version: 1, centreIds: ['00000000-0000-4000-8000-000000000000'] });
    expectErrorShape(res, 422);
  });

  it('an admin cannot deactivate themselves nor drop their own admin role', async () => {
    const me = await t.http.get('/api/v1/auth/me').set(admin());
    const current = await t.http.get(`/api/v1/users/${me.body.id}`).set(admin());
    const deactivate = await t.http
      .patch(`/api/v1/users/${me.body.id}`)
      .set(admin())
      .send({ version: current.body.version, active: false });
    expectErrorShape(deactivate, 409);
    expect(deactivate.body.code).toBe('SELF_LOCKOUT');
    const demote = await t.http
      .patch(`/api/v1/users/${me.body.id}`)
      .set(admin())
      .send({ version: current.body.version, roles: [Role.Auditor] });
    expectErrorShape(demote, 409);
    // The same id in capitals is the same user.
    const shouted = await t.http
      .patch(`/api/v1/users/${String(me.body.id).toUpperCase()}`)
      .set(admin())
      .send({ version: current.body.version, active: false });
    expectErrorShape(shouted, 409);
    expect(shouted.body.code).toBe('SELF_LOCKOUT');
    expect((await t.http.get('/api/v1/auth/me').set(admin())).status).toBe(200);
  });

  it.each([
    ['displayName', { displayName: null }],
    ['active', { active: null }],
    ['roles', { roles: null }],
    ['centreIds', { centreIds: null }],
  ])('answers 400 for %s: null, and changes nothing', async (field, change) => {
    const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], []);
    const res = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(admin())
      .send({ version: 1, ...change });
    expectErrorShape(res, 400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await t.http.get(`/api/v1/users/${u.id}`).set(admin())).body.version).toBe(1);
  });
});
