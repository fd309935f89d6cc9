import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { expectErrorShape, rowCounts } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

/** Values that pass validation but that PostgreSQL refuses are the caller'''s error (400), never a 500. */
describe('Input the database refuses answers 400, not 500', () => {
  let t: TestApp;
  let officer: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    const centre = await createCentre(t.http, t.adminToken);
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
  });
  afterAll(() => t.close());

  // The date validator accepts offsets up to ±23:59; PostgreSQL refuses beyond ±15:59 (SQLSTATE 22009).
  it.each([
    ['from', '2026-01-01T00:00:00+20:00'],
    ['to', '2026-01-01T00:00:00-23:59'],
  ])('GET /audit with %s at a UTC offset PostgreSQL refuses answers 400, not 500', async (field, value) => {
    const res = await t.http
      .get(`/api/v1/audit?${field}=${encodeURIComponent(value)}`)
      .set(bearer(t.adminToken));
    expectErrorShape(res, 400);
  });

  it('an Idempotency-Key on a path with a long, non-UUID parameter answers 400, not 500', async () => {
    // The interceptor reserves the key before ParseUUIDPipe runs; with the raw path in the key, random text
    // (which does not compress) went over PostgreSQL's btree entry limit (SQLSTATE 54000).
    const junk = randomBytes(2400).toString('hex');
    const before = await rowCounts(t.db);
    const res = await t.http
      .post(`/api/v1/stays/${junk}/property/cash/deposits`)
      .set(bearer(officer.token))
      .set('Idempotency-Key', randomUUID())
      .send({});
    expectErrorShape(res, 400);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
