import { Role } from '../../src/auth/role.enum';
import { bearer, centreInput, createCentre, createUser } from '../factories';
import { expectErrorShape, rowCounts } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

describe('centres', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const admin = () => bearer(t.adminToken);

  it('admin creates (201) and reads a centre', async () => {
    const res = await t.http
      .post('/api/v1/centres')
      .set(admin())
      .send(centreInput({ code: ' tgu-01 ', country: 'hn', timeZone: 'america/tegucigalpa' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      code: 'TGU-01',
      name: 'Centro de prueba',
      country: 'HN',
      regime: 'shelter',
      capacity: 50,
      address: 'Calle 1, Tapachula',
      timeZone: 'America/Tegucigalpa',
      crisisLevel: 'GREEN',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const got = await t.http.get(`/api/v1/centres/${res.body.id}`).set(admin());
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('answers 409 for a code in use', async () => {
    const c = await createCentre(t.http, t.adminToken);
    const res = await t.http
      .post('/api/v1/centres')
      .set(admin())
      .send(centreInput({ code: c.code }));
    expectErrorShape(res, 409);
    expect(res.body).toMatchObject({ code: 'CENTRE_CODE_TAKEN', details: [{ field: 'code' }] });
  });

  it('updates with the current version; a stale version answers 409 and changes nothing', async () => {
    const c = await createCentre(t.http, t.adminToken);
    const res = await t.http
      .patch(`/api/v1/centres/${c.id}`)
      .set(admin())
      .send({ version: 1, capacity: 80, address: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ capacity: 80, address: null, version: 2 });
    const stale = await t.http
      .patch(`/api/v1/centres/${c.id}`)
      .set(admin())
      .send({ version: 1, capacity: 5 });
    expectErrorShape(stale, 409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await t.http.get(`/api/v1/centres/${c.id}`).set(admin())).body.capacity).toBe(80);
  });

  it('a PATCH with only the version bumps it', async () => {
    const c = await createCentre(t.http, t.adminToken);
    const res = await t.http.patch(`/api/v1/centres/${c.id}`).set(admin()).send({ version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('answers 404 for an unknown centre', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expectErrorShape(await t.http.get(`/api/v1/centres/${id}`).set(admin()), 404);
    expectErrorShape(await t.http.patch(`/api/v1/centres/${id}`).set(admin()).send({ version: 1 }), 404);
  });

  it('non-admins see only their assigned centres; another centre answers 404', async () => {
    const a = await createCentre(t.http, t.adminToken);
    const b = await createCentre(t.http, t.adminToken);
    for (const role of [Role.IntakeOfficer, Role.MedicalStaff, Role.CentreManager, Role.Auditor]) {
      const u = await createUser(t.http, t.adminToken, [role], [a.id]);
      const list = await t.http.get('/api/v1/centres').set(bearer(u.token));
      expect(list.status).toBe(200);
      expect(list.body.map((c: { id: string }) => c.id)).toEqual([a.id]);
      expect((await t.http.get(`/api/v1/centres/${a.id}`).set(bearer(u.token))).status).toBe(200);
      const capitals = await t.http.get(`/api/v1/centres/${a.id.toUpperCase()}`).set(bearer(u.token));
      expect(capitals.status).toBe(200);
      expect(capitals.body.id).toBe(a.id);
      const other = await t.http.get(`/api/v1/centres/${b.id}`).set(bearer(u.token));
      expectErrorShape(other, 404);
      const unknown = await t.http
        .get('/api/v1/centres/00000000-0000-4000-8000-000000000000')
        .set(bearer(u.token));
      expect(unknown.body.message).toBe(other.body.message);
    }
    const all = await t.http.get('/api/v1/centres').set(admin());
    expect(all.body.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([a.id, b.id, t.demoCentreId]),
    );
  });

  it('a user assigned to no centre sees an empty list', async () => {
    const u = await createUser(t.http, t.adminToken, [Role.Auditor], []);
    const res = await t.http.get('/api/v1/centres').set(bearer(u.token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const audit = await t.http.get('/api/v1/audit?limit=5').set(bearer(u.token));
    expect(audit.status).toBe(200);
  });

  it('only admins write centres (403)', async () => {
    const a = await createCentre(t.http, t.adminToken);
    const manager = await createUser(t.http, t.adminToken, [Role.CentreManager], [a.id]);
    expectErrorShape(
      await t.http.post('/api/v1/centres').set(bearer(manager.token)).send(centreInput()),
      403,
    );
    expectErrorShape(
      await t.http
        .patch(`/api/v1/centres/${a.id}`)
        .set(bearer(manager.token))
        .send({ version: 1, capacity: 2 }),
      403,
    );
  });

  it.each([
    ['country', { country: 'XX' }],
    ['country', { country: 'MEX' }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['timeZone', { timeZone: 'x'.repeat(500) }],
    ['capacity', { capacity: 0 }],
    ['capacity', { capacity: 100_001 }],
    ['capacity', { capacity: 1.5 }],
    ['capacity', { capacity: '50' }],
    ['regime', { regime: 'prison' }],
    ['code', { code: 'no spaces' }],
    ['name', { name: '   ' }],
    ['name', { name: 'a\u0000b' }],
  ])('create: invalid %s answers 400 naming it and writes nothing', async (field, change) => {
    const before = await rowCounts(t.db);
    const res = await t.http.post('/api/v1/centres').set(admin()).send(centreInput(change));
    expectErrorShape(res, 400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it.each([
    ['name', { name: null }],
    ['country', { country: null }],
    ['regime', { regime: null }],
    ['capacity', { capacity: null }],
    ['timeZone', { timeZone: null }],
    ['capacity', { capacity: -1 }],
    ['timeZone', { timeZone: 'Nowhere/City' }],
    ['code', { code: 'NEW-CODE' }],
    ['version', { version: undefined }],
    ['version', { version: 2 ** 31 }],
    ['version', { version: 0 }],
  ])('update: invalid %s answers 400 naming it and changes nothing', async (field, change) => {
    const c = await createCentre(t.http, t.adminToken);
    const before = await rowCounts(t.db);
    const res = await t.http
      .patch(`/api/v1/centres/${c.id}`)
      .set(admin())
      .send({ version: 1, ...change });
    expectErrorShape(res, 400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await t.http.get(`/api/v1/centres/${c.id}`).set(admin())).body.version).toBe(1);
  });
});
