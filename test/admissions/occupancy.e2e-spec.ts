import { Role } from '../../src/auth/role.enum';
import { localDateIn } from '../../src/persons/persons.service';
import { admit, dateOfBirthForAge } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

const byKey = (counts: { key: string; count: number }[]) =>
  Object.fromEntries(counts.map((c) => [c.key, c.count]));

describe('occupancy, roll, headcounts and statistics', () => {
  let t: TestApp;
  let centre: { id: string; code: string };
  let officer: TestUser;
  let mother: { id: string; groupId: string };

  beforeAll(async () => {
    // Every group shown, however small: this file checks exact counts (statistics.e2e-spec checks the rule).
    t = await createTestApp({ STATISTICS_MIN_GROUP: '1' });
    centre = await createCentre(t.http, t.adminToken, { regime: 'shelter', capacity: 5 });
    officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centre.id]);
    // A pregnant mother with two children, admitted together.
    mother = await admit(t.http, officer.token, centre.id, {
      person: { givenNames: 'Dania', familyNames: 'Flores Cruz', sex: 'F', dateOfBirth: '1996-07-14' },
      accommodationUnit: 'B-12',
    });
    await t.http
      .post(`/api/v1/stays/${mother.id}/screening`)
      .set(bearer(officer.token))
      .send({
        vulnerabilities: ['PREGNANT_WOMAN'],
        riskIndicators: [],
        asylumIntent: false,
        traffickingIndicators: [],
      })
      .expect(201);
    for (const [given, sex, age, relationship] of [
      ['Kevin', 'M', 9, 'son'],
      ['Sofía', 'F', 14, 'daughter'],
    ] as const) {
      await admit(t.http, officer.token, centre.id, {
        person: { givenNames: given, familyNames: 'Flores', sex, dateOfBirth: dateOfBirthForAge(age) },
        accommodationUnit: 'B-12',
        accompaniedBy: { stayId: mother.id, relationship },
      });
    }
    await admit(t.http, officer.token, centre.id, {
      person: {
        givenNames: 'Tomás',
        familyNames: 'Xol',
        sex: 'M',
        dateOfBirth: '1950-02-01',
        nationalities: ['GT'],
      },
      accommodationUnit: 'A-2',
    });
    await admit(t.http, officer.token, centre.id, {
      person: {
        givenNames: 'Érick',
        familyNames: 'Portillo',
        sex: 'M',
        dateOfBirth: dateOfBirthForAge(16),
        nationalities: ['SV'],
      },
      accommodationUnit: undefined,
    });
  });
  afterAll(() => t.close());

  it('occupancy shows the family and everyone present, by sex, age band, nationality and vulnerability', async () => {
    const res = await t.http.get(`/api/v1/centres/${centre.id}/occupancy`).set(bearer(officer.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      capacity: 5,
      present: 5,
      available: 0,
      overCapacity: false,
      children: 3,
      unaccompaniedChildren: 1,
      notScreened: 4,
    });
    expect(byKey(res.body.bySex)).toEqual({ F: 2, M: 3, X: 0, unknown: 0 });
    expect(byKey(res.body.byAgeBand)).toEqual({ '0-11': 1, '12-17': 2, '18-59': 1, '60+': 1, unknown: 0 });
    expect(byKey(res.body.byNationality)).toEqual({ HN: 3, GT: 1, SV: 1 });
    // The 16-year-old came alone: a separated child before anyone screens him.
    expect(byKey(res.body.byVulnerability)).toEqual({
      PREGNANT_WOMAN: 1,
      UNACCOMPANIED_OR_SEPARATED_CHILD: 1,
    });

    await admit(t.http, officer.token, centre.id);
    const over = await t.http.get(`/api/v1/centres/${centre.id}/occupancy`).set(bearer(officer.token));
    expect(over.body).toMatchObject({ present: 6, available: -1, overCapacity: true });
  });

  it('the roll lists who is present, by unit', async () => {
    const res = await t.http.get(`/api/v1/centres/${centre.id}/roll`).set(bearer(officer.token));
    expect(res.status).toBe(200);
    const units = res.body.units.map((u: { unit: string | null; count: number }) => [u.unit, u.count]);
    expect(units).toEqual([
      ['A-2', 1],
      ['B-12', 4],
      [null, 1],
    ]);
    const family = res.body.units[1].people.map((p: { givenNames: string }) => p.givenNames);
    expect(family).toEqual(expect.arrayContaining(['Dania', 'Kevin', 'Sofía']));
  });

  it('a headcount that matches the roll is clean; a difference is flagged, per unit too', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http.post(`/api/v1/centres/${centre.id}/counts`).set(bearer(officer.token)).send(body);
    const clean = await post({ counted: 6, notes: 'Evening count' });
    expect(clean.status).toBe(201);
    expect(clean.body).toMatchObject({ counted: 6, expected: 6, difference: 0, discrepancy: false });
    const short = await post({
      byUnit: [{ unit: 'A-2', counted: 1 }, { unit: 'B-12', counted: 3 }, { counted: 1 }],
    });
    expect(short.status).toBe(201);
    expect(short.body).toMatchObject({ counted: 5, expected: 6, difference: -1, discrepancy: true });
    expect(short.body.byUnit).toEqual(
      expect.arrayContaining([{ unit: 'B-12', counted: 3, expected: 4, difference: -1 }]),
    );
    const audit = await t.db.query(`SELECT details FROM audit_events WHERE entity_id = $1`, [short.body.id]);
    expect(audit[0].details).toMatchObject({ discrepancy: true, difference: -1 });
    const list = await t.http.get(`/api/v1/centres/${centre.id}/counts`).set(bearer(officer.token));
    expect(list.body.map((h: { id: string }) => h.id)).toEqual([short.body.id, clean.body.id]);

    const before = Number((await t.db.query(`SELECT count(*)::int AS n FROM headcounts`))[0].n);
    expect((await post({})).status).toBe(422);
    expect((await post({ counted: null, byUnit: null })).status).toBe(422);
    expect((await post({ counted: 3, byUnit: [{ unit: 'A-2', counted: 1 }] })).status).toBe(422);
    expect((await post({ counted: -1 })).status).toBe(400);
    expect((await post({ counted: 'six' })).status).toBe(400);
    expect((await post({ counted: 6, extra: true })).status).toBe(400);
    expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM headcounts`))[0].n)).toBe(before);
  });

  it('statistics aggregate admissions with no personal data', async () => {
    // Whole days on the centre's calendar (the factory's America/Mexico_City), around today.
    const today = Date.parse(`${localDateIn(new Date(), 'America/Mexico_City')}T00:00:00Z`);
    const from = new Date(today - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(today + 2 * 86_400_000).toISOString().slice(0, 10);
    const get = (groupBy: string, extra: Record<string, string> = {}) =>
      t.http
        .get('/api/v1/statistics/admissions')
        .query({ from, to, groupBy, centreId: centre.id, ...extra })
        .set(bearer(officer.token));
    const nat = await get('nationality');
    expect(nat.status).toBe(200);
    expect(nat.body.total).toBe(6);
    expect(byKey(nat.body.groups)).toEqual({ HN: 4, GT: 1, SV: 1 });
    expect(byKey((await get('ageBand')).body.groups)).toEqual({
      '0-11': 1,
      '12-17': 2,
      '18-59': 2,
      '60+': 1,
    });
    expect(byKey((await get('sex')).body.groups)).toEqual({ F: 3, M: 3 });
    expect((await get('centre')).body.groups).toEqual([{ key: centre.code, count: 6 }]);
    expect(JSON.stringify(nat.body)).not.toMatch(/Dania|Flores|[0-9a-f]{8}-[0-9a-f]{4}-/);

    expect((await get('religion')).status).toBe(400);
    expect((await get('sex', { from: 'last week' })).status).toBe(400);
    const dateTime = await get('sex', { from: new Date().toISOString() });
    expect(dateTime.status).toBe(400);
    expect(dateTime.body.details).toContainEqual({
      field: 'from',
      message: 'from must be a date in the form YYYY-MM-DD',
    });
    expect(new Set(dateTime.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['from']));
    expect((await get('sex', { from: to, to: from })).status).toBe(422);
  });

  it("another centre's occupancy, roll and counts answer 404", async () => {
    const other = await createCentre(t.http, t.adminToken);
    for (const path of ['occupancy', 'roll', 'counts', 'overdue-medical-screenings']) {
      const res = await t.http.get(`/api/v1/centres/${other.id}/${path}`).set(bearer(officer.token));
      expect(res.status).toBe(404);
    }
  });
});
