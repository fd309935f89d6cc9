import { Role } from '../../src/auth/role.enum';
import { admit } from '../factories/admissions';
import { bearer, createCentre, createUser, TestUser } from '../factories';
import { createTestApp, TestApp } from '../support/test-app';

interface Result {
  score: number;
  visibility: string;
  person: Record<string, unknown> & { id: string; givenNames: string; familyNames: string };
  stays: Record<string, unknown>[];
}

describe('persons search', () => {
  let t: TestApp;
  let officerA: TestUser;
  let centreA: { id: string };
  let centreB: { id: string };
  let jose: { personId: string };
  let mohammed: { personId: string };

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.http, t.adminToken);
    centreB = await createCentre(t.http, t.adminToken);
    officerA = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id]);
    const officerB = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreB.id]);
    jose = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'José Luis', familyNames: 'Pérez López', sex: 'M', dateOfBirth: '1990-05-17' },
    });
    await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'José', familyNames: 'Hernández', sex: 'M', dateOfBirth: '1988-01-02' },
    });
    await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Jose', familyNames: 'Pérez Reyes', sex: 'M', dateOfBirth: '2001-11-30' },
    });
    mohammed = await admit(t.http, officerB.token, centreB.id, {
      person: {
        givenNames: 'Mohammed Rahim',
        familyNames: 'Uddin',
        nameOriginalScript: 'মোহাম্মদ রহিম উদ্দিন',
        sex: 'M',
        dateOfBirth: '1992-08-08',
        nationalities: ['BD'],
        preferredLanguage: 'bn',
        nextOfKin: { name: 'Nusrat Jahan', relationship: 'wife', phone: '+880 1700 000000' },
      },
    });
  });
  afterAll(() => t.close());

  const search = async (query: Record<string, string>): Promise<Result[]> => {
    const res = await t.http.get('/api/v1/persons').query(query).set(bearer(officerA.token));
    expect(res.status).toBe(200);
    return res.body;
  };

  it('"Jose Perez" finds "José Luis Pérez López", accent- and case-insensitively', async () => {
    const results = await search({ q: 'jose PEREZ' });
    const names = results.map((r) => `${r.person.givenNames} ${r.person.familyNames}`);
    expect(names).toEqual(expect.arrayContaining(['José Luis Pérez López', 'Jose Pérez Reyes']));
    expect(names).not.toContain('José Hernández');
  });

  it('a fragment of one or two letters ranks the candidates instead of filtering them', async () => {
    // "Pe" cannot be matched reliably by trigrams; the names nearest to "jose pe" come first.
    const results = await search({ q: 'Jose Pe' });
    const names = results.map((r) => `${r.person.givenNames} ${r.person.familyNames}`);
    expect(names).toEqual(
      expect.arrayContaining(['José Luis Pérez López', 'Jose Pérez Reyes', 'José Hernández']),
    );
    expect(names.indexOf('José Hernández')).toBeGreaterThan(names.indexOf('Jose Pérez Reyes'));
    // A word of three letters or more still filters.
    expect((await search({ q: 'Jose Perez' })).map((r) => r.person.familyNames)).not.toContain('Hernández');
  });

  it('the date of birth ranks the right person first', async () => {
    const [first] = await search({ q: 'Jose Perez', dateOfBirth: '1990-05-17' });
    expect(first.person.id).toBe(jose.personId);
    const onlyDob = await search({ dateOfBirth: '1990-05-17' });
    expect(onlyDob.map((r) => r.person.id)).toEqual([jose.personId]);
  });

  it('"Mohamed" finds "Mohammed" in another centre, showing only identity fields and the stay\'s centre and status', async () => {
    const results = await search({ q: 'Mohamed' });
    expect(results.map((r) => r.person.id)).toEqual([mohammed.personId]);
    const [r] = results;
    expect(r.visibility).toBe('identity');
    expect(r.person).toMatchObject({
      familyNames: 'Uddin',
      nationalities: ['BD'],
      dateOfBirth: '1992-08-08',
    });
    expect(r.person).not.toHaveProperty('nextOfKin');
    expect(r.person).not.toHaveProperty('preferredLanguage');
    expect(r.stays).toEqual([{ centreId: centreB.id, status: 'ACTIVE' }]);
    // Spelling variants from names.json.
    expect((await search({ q: 'Mohammad Udin' })).map((x) => x.person.id)).toEqual([mohammed.personId]);
  });

  it("in the caller's own centres the full record and the stay ids are shown", async () => {
    const [r] = await search({ q: 'José Luis Pérez' });
    expect(r.visibility).toBe('full');
    expect(r.person).toHaveProperty('preferredLanguage', 'es');
    expect(r.stays[0]).toMatchObject({ stayId: expect.any(String), status: 'ACTIVE' });
    const one = await t.http.get(`/api/v1/persons/${mohammed.personId}`).set(bearer(officerA.token));
    expect(one.status).toBe(200);
    expect(one.body.visibility).toBe('identity');
  });

  it("every search and every read of a person is audited in the searcher's centre: terms and persons shown", async () => {
    const res = await t.http
      .get('/api/v1/persons')
      .query({ q: 'Mohamed', dateOfBirth: '1992-08-08' })
      .set(bearer(officerA.token));
    expect(res.status).toBe(200);
    const entries = async (requestId: string) =>
      t.db.query(
        `SELECT action, centre_id, actor_id, entity_id, details FROM audit_events WHERE request_id = $1`,
        [requestId],
      );
    expect(await entries(res.headers['x-request-id'])).toEqual([
      {
        action: 'person.search',
        centre_id: centreA.id,
        actor_id: officerA.id,
        entity_id: null,
        details: {
          q: 'Mohamed',
          dateOfBirth: '1992-08-08',
          nationality: null,
          shown: [{ personId: mohammed.personId, visibility: 'identity' }],
        },
      },
    ]);

    const read = await t.http.get(`/api/v1/persons/${jose.personId}`).set(bearer(officerA.token));
    expect(read.status).toBe(200);
    expect(await entries(read.headers['x-request-id'])).toEqual([
      {
        action: 'person.read',
        centre_id: centreA.id,
        actor_id: officerA.id,
        entity_id: jose.personId,
        details: { visibility: 'full' },
      },
    ]);
    // A user of two centres: one entry in each centre's chain. An administrator (no centre): the global chain,
    // which every auditor reads, so without the names searched.
    const twoCentres = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreA.id, centreB.id]);
    const both = await t.http.get('/api/v1/persons').query({ q: 'Uddin' }).set(bearer(twoCentres.token));
    expect(
      (await entries(both.headers['x-request-id'])).map((e: { centre_id: string }) => e.centre_id).sort(),
    ).toEqual([centreA.id, centreB.id].sort());
    const admin = await createUser(t.http, t.adminToken, [Role.Admin], []);
    const byAdmin = await t.http.get('/api/v1/persons').query({ q: 'Uddin' }).set(bearer(admin.token));
    expect(await entries(byAdmin.headers['x-request-id'])).toEqual([
      expect.objectContaining({
        centre_id: null,
        details: { shown: [{ personId: mohammed.personId, visibility: 'full' }] },
      }),
    ]);
    // Centre B's auditor reads centre B's chain and the global one, not officer A's searches in centre A.
    const auditorB = await createUser(t.http, t.adminToken, [Role.Auditor], [centreB.id]);
    const seen = await t.http
      .get('/api/v1/audit')
      .query({ action: 'person.search' })
      .set(bearer(auditorB.token));
    expect(seen.status).toBe(200);
    const requestIds = seen.body.map((e: { requestId: string }) => e.requestId);
    expect(requestIds).toEqual(
      expect.arrayContaining([both.headers['x-request-id'], byAdmin.headers['x-request-id']]),
    );
    expect(requestIds).not.toContain(res.headers['x-request-id']);

    // A search that finds no one is recorded too: looking is what is audited.
    const none = await t.http.get('/api/v1/persons').query({ q: 'Zzyzx Qwerty' }).set(bearer(officerA.token));
    expect(none.body).toEqual([]);
    expect((await entries(none.headers['x-request-id']))[0].details.shown).toEqual([]);
  });

  it('an estimated date of birth matches within a year, once, after the exact dates', async () => {
    const estimated = await admit(t.http, officerA.token, centreA.id, {
      person: {
        givenNames: 'Yohannes',
        familyNames: 'Tesfaye',
        sex: 'M',
        dateOfBirth: '1985-06-01',
        dateOfBirthEstimated: true,
      },
    });
    const exact = await admit(t.http, officerA.token, centreA.id, {
      person: { givenNames: 'Yohannes', familyNames: 'Tesfay', sex: 'M', dateOfBirth: '1986-03-10' },
    });
    const ids = async (query: Record<string, string>) => (await search(query)).map((r) => r.person.id);

    // Ten months from the estimate: the estimated person matches, after the one born exactly that day.
    expect(await ids({ q: 'Yohannes Tesfaye', dateOfBirth: '1986-03-10' })).toEqual([
      exact.personId,
      estimated.personId,
    ]);
    // On the estimated date itself the person is in both the exact and the estimated lists, and is shown once.
    expect(await ids({ q: 'Yohannes Tesfaye', dateOfBirth: '1985-06-01' })).toEqual([estimated.personId]);
    // Over a year from the estimate, no match; an exact date a day off does not match either.
    expect(await ids({ q: 'Yohannes Tesfaye', dateOfBirth: '1986-06-03' })).toEqual([]);
    expect(await ids({ q: 'Yohannes Tesfay', dateOfBirth: '1986-03-11' })).toEqual([estimated.personId]);
    // The names still filter within the year.
    expect(await ids({ q: 'Abebe Bekele', dateOfBirth: '1986-03-10' })).toEqual([]);
  });

  it('filters by nationality', async () => {
    expect(await search({ q: 'Mohammed', nationality: 'HN' })).toEqual([]);
    expect((await search({ q: 'Mohammed', nationality: 'bd' })).length).toBe(1);
  });

  it('the centre holding the person corrects the record; the search follows; others cannot', async () => {
    const before = await t.http.get(`/api/v1/persons/${jose.personId}`).set(bearer(officerA.token));
    const patch = (token: string, id: string, body: Record<string, unknown>) =>
      t.http.patch(`/api/v1/persons/${id}`).set(bearer(token)).send(body);
    const version = (await t.db.query(`SELECT version FROM persons WHERE id = $1`, [jose.personId]))[0]
      .version;
    const res = await patch(officerA.token, jose.personId, {
      aliases: ['Chepe Pérez'],
      dateOfBirthEstimated: true,
      version,
    });
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ aliases: ['Chepe Pérez'], dateOfBirthEstimated: true });
    expect(res.body.person.givenNames).toBe(before.body.person.givenNames);
    const found = await search({ q: 'chepe' });
    expect(found.map((r) => r.person.id)).toEqual([jose.personId]);
    expect((await patch(officerA.token, jose.personId, { aliases: [], version })).status).toBe(409);
    expect(
      (await patch(officerA.token, jose.personId, { givenNames: null, version: version + 1 })).status,
    ).toBe(400);
    expect((await patch(officerA.token, jose.personId, { shoeSize: 42, version: version + 1 })).status).toBe(
      400,
    );
    expect((await patch(officerA.token, mohammed.personId, { aliases: ['x'], version: 1 })).status).toBe(404);
    const audit = await t.db.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'person.update'`,
      [jose.personId],
    );
    // The earlier value of a field that decides who is a child is kept; others are only named.
    expect(audit).toEqual([
      {
        details: {
          changed: ['aliases', 'dateOfBirthEstimated'],
          previous: { dateOfBirthEstimated: false },
        },
      },
    ]);
  });

  it.each([
    ['nothing to search', {}],
    ['bad date of birth', { dateOfBirth: '1990-13-01' }],
    ['bad nationality', { q: 'Jose', nationality: 'ZZZ' }],
    ['query too long', { q: 'x'.repeat(201) }],
    ['limit out of range', { q: 'Jose', limit: '1000' }],
    ['unknown parameter', { q: 'Jose', sql: '1' }],
  ])('bad query (%s) answers 400', async (_, query) => {
    const res = await t.http.get('/api/v1/persons').query(query).set(bearer(officerA.token));
    expect(res.status).toBe(400);
  });
});
