import { Role } from '../../src/auth/role.enum';
import { localDateIn } from '../../src/persons/persons.service';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

/** The YYYY-MM-DD date `days` after a YYYY-MM-DD date. */
const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('statistics never single out a person', () => {
  let t: TestApp;
  let auditor: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    // An auditor of a centre that has nothing to do with the ones counted.
    const unrelated = await createCentre(t.http, t.adminToken, { regime: 'shelter' });
    auditor = await createUser(t.http, t.adminToken, [Role.Auditor], [unrelated.id]);
  });
  afterAll(() => t.close());

  const statistics = (query: Record<string, string>) =>
    t.http.get('/api/v1/statistics/admissions').query(query).set(bearer(auditor.token));

  it('groups under STATISTICS_MIN_GROUP (default 5) are only added up together; counts are rounded', async () => {
    const centre = await createCentre(t.http, t.adminToken, { regime: 'shelter', capacity: 50 });
    const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    const nationalities = [...Array(6).fill('HN'), 'GT', 'GT', 'SV'];
    for (const [i, nationality] of nationalities.entries()) {
      await admit(t.http, officer.token, centre.id, {
        person: { givenNames: `Person ${i}`, familyNames: 'Test', sex: 'F', nationalities: [nationality] },
      });
    }
    const today = localDateIn(new Date(), 'America/Mexico_City'); // the factory's centre zone
    const res = await statistics({
      from: plusDays(today, -1),
      to: plusDays(today, 2),
      groupBy: 'nationality',
      centreId: centre.id,
    });
    expect(res.status).toBe(200);
    // 9 → 10, HN 6 → 5, GT + SV 3 → 5: rounded to the nearest multiple of minGroup.
    expect(res.body).toEqual({
      from: plusDays(today, -1),
      to: plusDays(today, 2),
      groupBy: 'nationality',
      roundedTo: 5,
      total: 10,
      groups: [{ key: 'HN', count: 5 }],
      suppressed: { groups: 2, count: 5, minGroup: 5 },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/GT|SV/);
  });

  it('refuses a date-time, or a period that is not at least a whole day, with 400/422 and the field', async () => {
    const at = new Date();
    const cases: [Record<string, string>, number, string][] = [
      [{ from: new Date(at.getTime() - 3600_000).toISOString(), to: '2030-01-01' }, 400, 'from'],
      [{ from: '2026-01-01', to: new Date(at.getTime() + 1).toISOString() }, 400, 'to'],
      [{ from: '2026-01-01', to: '2026-01-01T00:00:00Z' }, 400, 'to'],
      [{ from: '2026-02-30', to: '2026-03-02' }, 400, 'from'],
      [{ from: '2026-01-02', to: '2026-01-02' }, 422, 'to'],
      [{ from: '2026-01-02', to: '2026-01-01' }, 422, 'to'],
      [{ from: '2010-01-01', to: '2021-01-01' }, 422, 'to'],
    ];
    for (const [period, status, field] of cases) {
      const res = await statistics({ ...period, groupBy: 'sex' });
      expect({ period, status: res.status }).toEqual({ period, status });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('the same period asked before and after one admission does not show the new person', async () => {
    // 5 HN women and 5 SV men, then the target, an SV man: before the fix, a window ending 1 ms after the
    // target's admission showed SV 6 and M 6 next to one ending just before it (SV 5, M 5).
    const centre = await createCentre(t.http, t.adminToken, { regime: 'shelter', capacity: 50 });
    const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    for (let i = 0; i < 5; i++) {
      await admit(t.http, officer.token, centre.id, { person: { sex: 'F', nationalities: ['HN'] } });
      await admit(t.http, officer.token, centre.id, { person: { sex: 'M', nationalities: ['SV'] } });
    }
    const today = localDateIn(new Date(), 'America/Mexico_City');
    // Three days around today, so that a local midnight during the test changes nothing.
    const period = { from: plusDays(today, -1), to: plusDays(today, 2), centreId: centre.id };
    const ask = async () => {
      const [byNationality, bySex] = await Promise.all([
        statistics({ ...period, groupBy: 'nationality' }),
        statistics({ ...period, groupBy: 'sex' }),
      ]);
      expect([byNationality.status, bySex.status]).toEqual([200, 200]);
      return [byNationality.body, bySex.body];
    };
    const before = await ask();
    expect(before[0].groups).toEqual([
      { key: 'HN', count: 5 },
      { key: 'SV', count: 5 },
    ]);
    expect(before[1].groups).toEqual([
      { key: 'F', count: 5 },
      { key: 'M', count: 5 },
    ]);

    await admit(t.http, officer.token, centre.id, { person: { sex: 'M', nationalities: ['SV'] } });
    const counted = await t.db.query(`SELECT count(*)::int AS n FROM stays WHERE centre_id = $1`, [
      centre.id,
    ]);
    expect(counted).toEqual([{ n: 11 }]);
    // SV 6 and M 6 are shown as 5, in the same order as before: nothing tells the new person apart.
    expect(await ask()).toEqual(before);
  });

  it("days are the centre's calendar days, and the age band is the age on the centre's date", async () => {
    // Admitted at 02:00 UTC on 15 March = 20:00 on 14 March in Tegucigalpa (UTC-6), the evening before their
    // 18th birthday: the 14th's admissions, and children.
    const centre = await createCentre(t.http, t.adminToken, {
      regime: 'shelter',
      capacity: 50,
      timeZone: 'America/Tegucigalpa',
    });
    const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const stay = await admit(t.http, officer.token, centre.id, { person: { dateOfBirth: '2006-03-15' } });
      ids.push(stay.id);
    }
    await t.db.query(`UPDATE stays SET admitted_at = '2024-03-15T02:00:00Z' WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);

    const on14 = await statistics({
      from: '2024-03-14',
      to: '2024-03-15',
      groupBy: 'ageBand',
      centreId: centre.id,
    });
    expect(on14.status).toBe(200);
    expect(on14.body).toMatchObject({ total: 5, groups: [{ key: '12-17', count: 5 }] });
    const on15 = await statistics({
      from: '2024-03-15',
      to: '2024-03-16',
      groupBy: 'ageBand',
      centreId: centre.id,
    });
    expect(on15.status).toBe(200);
    expect(on15.body).toMatchObject({ total: 0, groups: [] });
  });
});
