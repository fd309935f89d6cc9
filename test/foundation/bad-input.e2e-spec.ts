import { Role } from '../../src/auth/role.enum';
import { bearer, centreInput, createUser } from '../factories';
import { expectErrorShape, rowCounts } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Table-driven: every bad request answers 4xx in the error shape with the request id of its X-Request-Id
 * header, never a 500, and writes nothing.
 */
describe('bad input', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = t.demoCentreId;
  });
  afterAll(() => t.close());

  const userInput = () => ({
    email: 'someone@example.org',
    displayName: 'Someone',
    password: 'a-long-enough-password',
    roles: [Role.IntakeOfficer],
    centreIds: [],
  });

  interface Endpoint {
    name: string;
    method: 'post' | 'patch';
    path: () => string;
    valid: () => Record<string, unknown>;
    /** A string field and a number field of the body. */
    text: string;
    number?: string;
  }
  const endpoints: Endpoint[] = [
    {
      name: 'POST /centres',
      method: 'post',
      path: () => '/api/v1/centres',
      valid: () => centreInput(),
      text: 'name',
      number: 'capacity',
    },
    {
      name: 'POST /users',
      method: 'post',
      path: () => '/api/v1/users',
      valid: userInput,
      text: 'displayName',
    },
    {
      name: 'PATCH /centres/:id',
      method: 'patch',
      path: () => `/api/v1/centres/${centreId}`,
      valid: () => ({ version: 1, name: 'Renamed' }),
      text: 'name',
      number: 'capacity',
    },
  ];

  interface Case {
    name: string;
    /** An object (sent as JSON) or a raw string (sent as application/json). */
    body: (e: Endpoint) => unknown;
    status: number;
    field?: (e: Endpoint) => string;
    /** The error's message, where it says more than "bad request". */
    message?: string;
    contentType?: string;
    headers?: Record<string, string>;
  }
  const cases: Case[] = [
    {
      name: 'an unknown field',
      body: (e) => ({ ...e.valid(), isAdmin: true }),
      status: 400,
      field: () => 'isAdmin',
    },
    {
      name: 'a number for a string',
      body: (e) => ({ ...e.valid(), [e.text]: 42 }),
      status: 400,
      field: (e) => e.text,
    },
    {
      name: 'an object for a string',
      body: (e) => ({ ...e.valid(), [e.text]: { a: 1 } }),
      status: 400,
      field: (e) => e.text,
    },
    {
      name: 'an array for a string',
      body: (e) => ({ ...e.valid(), [e.text]: ['a'] }),
      status: 400,
      field: (e) => e.text,
    },
    {
      name: 'a very long string',
      body: (e) => ({ ...e.valid(), [e.text]: 'x'.repeat(10_000) }),
      status: 400,
      field: (e) => e.text,
    },
    {
      name: 'a NUL character',
      body: (e) => ({ ...e.valid(), [e.text]: 'a\u0000b' }),
      status: 400,
      field: (e) => e.text,
    },
    { name: 'malformed JSON', body: () => '{"name": "x",', status: 400, field: () => 'body' },
    { name: 'JSON with a trailing comma', body: () => '{"a": 1,}', status: 400, field: () => 'body' },
    { name: 'an array body', body: () => '[]', status: 400, field: () => 'body' },
    {
      name: 'an array of objects',
      body: (e) => JSON.stringify([e.valid()]),
      status: 400,
      field: () => 'body',
    },
    { name: 'a string body', body: () => '"hello"', status: 400, field: () => 'body' },
    { name: 'a null body', body: () => 'null', status: 400, field: () => 'body' },
    { name: 'a number body', body: () => '12', status: 400, field: () => 'body' },
    { name: 'an empty JSON body', body: () => '', status: 400 },
    { name: 'an empty object', body: () => ({}), status: 400 },
    {
      name: 'an unsupported charset',
      body: (e) => JSON.stringify(e.valid()),
      contentType: 'application/json; charset=latin1',
      status: 415,
      field: () => 'body',
    },
    {
      name: 'a text/plain body',
      body: (e) => JSON.stringify(e.valid()),
      contentType: 'text/plain',
      status: 400,
    },
    {
      name: 'a top-level __proto__ key',
      body: (e) => JSON.stringify(e.valid()).replace(/^{/, '{"__proto__":{"isAdmin":true},'),
      status: 400,
      field: () => '__proto__',
    },
    {
      name: 'a nested __proto__ key',
      body: (e) =>
        JSON.stringify({ ...e.valid(), extra: { a: { b: 1 } } }).replace('"b":1', '"__proto__":{"x":1}'),
      status: 400,
      field: () => 'extra.a.__proto__',
    },
    {
      name: 'a constructor key',
      body: (e) => JSON.stringify({ ...e.valid(), constructor: { prototype: { x: 1 } } }),
      status: 400,
      field: () => 'constructor',
    },
    {
      name: 'a __proto__ key inside an array',
      body: (e) =>
        JSON.stringify({ ...e.valid(), list: [{ ok: 1 }] }).replace('"ok":1', '"__proto__":{"x":1}'),
      status: 400,
      field: () => 'list.0.__proto__',
    },
    {
      name: 'a body over BODY_LIMIT',
      body: (e) => ({ ...e.valid(), [e.text]: 'x'.repeat(300 * 1024) }),
      status: 413,
      field: () => 'body',
    },
    {
      name: 'a lone UTF-16 surrogate in a string',
      body: (e) =>
        JSON.stringify({ ...e.valid(), [e.text]: 'PLACEHOLDER' }).replace('PLACEHOLDER', 'a\\ud800b'),
      status: 400,
      field: (e) => e.text,
    },
    {
      name: 'a body that does not decompress as its Content-Encoding says (gzip)',
      body: (e) => JSON.stringify(e.valid()),
      headers: { 'Content-Encoding': 'gzip' },
      status: 400,
      field: () => 'body',
      message: 'Request body does not match its Content-Encoding',
    },
    {
      name: 'a body that does not decompress as its Content-Encoding says (Brotli)',
      body: (e) => JSON.stringify(e.valid()),
      headers: { 'Content-Encoding': 'br' },
      status: 400,
      field: () => 'body',
      message: 'Request body does not match its Content-Encoding',
    },
    {
      // The idempotency interceptor reads the body before the validation pipe does.
      name: 'a body nested 5,000 deep, with an Idempotency-Key',
      body: () => '['.repeat(5000) + ']'.repeat(5000),
      headers: { 'Idempotency-Key': 'deep-body' },
      status: 400,
    },
    {
      name: 'a deeply nested body',
      body: (e) =>
        JSON.stringify({ ...e.valid(), deep: JSON.parse('{"a":'.repeat(50) + '1' + '}'.repeat(50)) }),
      status: 400,
    },
  ];
  const numberCases: Case[] = [
    {
      name: 'a huge number',
      body: (e) => ({ ...e.valid(), [e.number!]: 1e308 }),
      status: 400,
      field: (e) => e.number!,
    },
    {
      name: 'a negative number',
      body: (e) => ({ ...e.valid(), [e.number!]: -5 }),
      status: 400,
      field: (e) => e.number!,
    },
    {
      name: 'a fraction',
      body: (e) => ({ ...e.valid(), [e.number!]: 2.5 }),
      status: 400,
      field: (e) => e.number!,
    },
    {
      name: 'a numeric string',
      body: (e) => ({ ...e.valid(), [e.number!]: '10' }),
      status: 400,
      field: (e) => e.number!,
    },
    {
      name: 'a number past 2^53',
      body: () => '{"version": 1, "capacity": 123456789012345678901234567890}',
      status: 400,
      field: () => 'capacity',
    },
    {
      name: 'a boolean for a number',
      body: (e) => ({ ...e.valid(), [e.number!]: true }),
      status: 400,
      field: (e) => e.number!,
    },
  ];

  const table = endpoints.flatMap((e) =>
    [...cases, ...(e.number ? numberCases : [])].map((c) => [`${e.name}: ${c.name}`, e, c] as const),
  );

  it.each(table)('%s', async (_, endpoint, c) => {
    const before = await rowCounts(t.db);
    const body = c.body(endpoint);
    let req = t.http[endpoint.method](endpoint.path())
      .set(bearer(t.adminToken))
      .set(c.headers ?? {});
    if (typeof body === 'string')
      req = req.set('Content-Type', c.contentType ?? 'application/json').send(body);
    else req = req.send(body as object);
    const res = await req;
    expectErrorShape(res, c.status);
    if (c.field) {
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: c.field(endpoint) })]),
      );
    }
    if (c.message) expect(res.body.message).toBe(c.message);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  describe('every field with every wrong type', () => {
    const wrong: unknown[] = [
      null,
      true,
      0,
      -1,
      1.5,
      2 ** 53,
      '',
      ' ',
      'x'.repeat(1000),
      [],
      [1],
      {},
      { a: 1 },
    ];
    const bodies = endpoints.flatMap((e) =>
      Object.keys(e.valid()).flatMap((field) =>
        wrong.map(
          (value) => [`${e.name} ${field}=${JSON.stringify(value).slice(0, 20)}`, e, field, value] as const,
        ),
      ),
    );

    it(`${bodies.length} requests: never a 5xx; a 4xx in the error shape writes nothing`, async () => {
      const failures: string[] = [];
      for (const [label, endpoint, field, value] of bodies) {
        const before = await rowCounts(t.db);
        const body = { ...endpoint.valid(), [field]: value };
        // Unique values, so a body that happens to be valid is not refused as a duplicate.
        if (endpoint.name === 'POST /users' && field !== 'email')
          body.email = `f${Math.random()}@example.org`.replace('0.', '');
        const res = await t.http[endpoint.method](endpoint.path()).set(bearer(t.adminToken)).send(body);
        if (res.status >= 500) failures.push(`${label}: ${res.status}`);
        else if (res.status >= 400) {
          const shaped =
            res.body.statusCode === res.status &&
            Array.isArray(res.body.details) &&
            res.body.requestId === res.headers['x-request-id'];
          if (!shaped) failures.push(`${label}: ${res.status} not in the error shape`);
          if (JSON.stringify(await rowCounts(t.db)) !== JSON.stringify(before))
            failures.push(`${label}: wrote`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('path parameters', () => {
    it.each([
      ['GET', '/api/v1/centres/not-a-uuid'],
      ['PATCH', '/api/v1/centres/123'],
      ['GET', '/api/v1/users/zzz'],
      ['PATCH', "/api/v1/users/'%20OR%201=1"],
      ['POST', '/api/v1/users/%FF/reset-password'],
    ])('%s %s answers 400', async (method, path) => {
      const before = await rowCounts(t.db);
      const res = await t.http[method.toLowerCase() as 'get'](path)
        .set(bearer(t.adminToken))
        .send(method === 'GET' ? undefined : { version: 1 });
      expectErrorShape(res, 400);
      if (!path.includes('%FF')) expect(res.body.details).toEqual([expect.objectContaining({ field: 'id' })]);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  });

  describe('GET /audit query', () => {
    it.each([
      ['an unknown parameter', 'foo=bar', 'foo'],
      ['a non-numeric limit', 'limit=abc', 'limit'],
      ['a limit out of range', 'limit=100000', 'limit'],
      ['a zero limit', 'limit=0', 'limit'],
      ['a negative offset', 'offset=-1', 'offset'],
      ['a huge offset', 'offset=1e400', 'offset'],
      ['an invalid centre id', 'centreId=abc', 'centreId'],
      ['a repeated centre id', `centreId=${'00000000-0000-4000-8000-000000000000'}&centreId=x`, 'centreId'],
      ['an invalid date', 'from=yesterday', 'from'],
      ['an impossible date', 'to=2026-02-31T00:00:00Z', 'to'],
      ['a week date', 'from=2026-W47-5', 'from'],
      ['an hour alone', 'to=2026-11-20T14', 'to'],
      ['a year 0 date', 'from=0000-01-01T00:00:00Z', undefined],
      ['an invalid entity type', 'entityType=DROP%20TABLE', 'entityType'],
      ['a very long entity id', `entityId=${'x'.repeat(5000)}`, 'entityId'],
      ['a __proto__ parameter', '__proto__=1', '__proto__'],
      ['a constructor parameter', 'constructor=1', 'constructor'],
      ['a NUL in a parameter', 'entityId=a%00b', undefined],
    ])('%s answers 400', async (_, query, field) => {
      const before = await rowCounts(t.db);
      const res = await t.http.get(`/api/v1/audit?${query}`).set(bearer(t.adminToken));
      expectErrorShape(res, 400);
      if (field)
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await rowCounts(t.db)).toEqual(before);
    });
  });

  describe('instants', () => {
    // ISO 8601 forms a Date cannot read answered 500 where they were compared; a time without a zone would be
    // read in the server's own zone.
    const unreadable = [
      '2026-W47-5',
      '2026-324',
      '2026-11-20T14',
      '2026-11-20T14:05:00',
      '2026-11-20 14:05Z',
    ];
    const admission = (at: string) => ({
      centreId,
      person: { givenNames: 'Ana', familyNames: 'López', sex: 'F', dateOfBirth: '1994-03-02' },
      arrival: { at },
    });

    it.each(unreadable)(
      '%s is refused as an arrival, interview, medical screening or exit time',
      async (at) => {
        const officer = await createUser(
          t.http,
          t.adminToken,
          [Role.IntakeOfficer, Role.CentreManager, Role.MedicalStaff],
          [centreId],
        );
        const before = await rowCounts(t.db);
        const admitted = await t.http
          .post('/api/v1/admissions')
          .set(bearer(officer.token))
          .send(admission(at));
        expectErrorShape(admitted, 400);
        expect(admitted.body.details).toEqual([expect.objectContaining({ field: 'arrival.at' })]);
        expect(await rowCounts(t.db)).toEqual(before);

        const stay = await t.http
          .post('/api/v1/admissions')
          .set(bearer(officer.token))
          .send(admission('2026-11-20T14:05:00Z'));
        const after = await rowCounts(t.db);
        for (const [path, body, field] of [
          [`stays/${stay.body.id}/screening`, { interviewedAt: at }, 'interviewedAt'],
          [`stays/${stay.body.id}/medical-screening-done`, { at }, 'at'],
          [
            `stays/${stay.body.id}/exit`,
            { outcome: 'ABSCONDED', report: 'x', version: 1, occurredAt: at },
            'occurredAt',
          ],
        ] as const) {
          const res = await t.http.post(`/api/v1/${path}`).set(bearer(officer.token)).send(body);
          expectErrorShape(res, 400);
          expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
        }
        expect(await rowCounts(t.db)).toEqual(after);
      },
    );

    it('a date and time with its zone, to the minute or finer, is read as that instant', async () => {
      const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [centreId]);
      const res = await t.http
        .post('/api/v1/admissions')
        .set(bearer(officer.token))
        .send(admission('2026-11-20T08:05-06:00'));
      expect(res.status).toBe(201);
      expect(res.body.arrivedAt).toBe('2026-11-20T14:05:00.000Z');
    });
  });

  it('a request id sent by the caller is echoed, in the header and in the error', async () => {
    const res = await t.http
      .post('/api/v1/centres')
      .set(bearer(t.adminToken))
      .set('X-Request-Id', 'caller-chosen-id-123')
      .send({ bogus: 1 });
    expectErrorShape(res, 400);
    expect(res.body.requestId).toBe('caller-chosen-id-123');
  });

  it('an unusable request id is replaced', async () => {
    const res = await t.http
      .get('/api/v1/centres/x')
      .set(bearer(t.adminToken))
      .set('X-Request-Id', 'bad id\twith spaces');
    expectErrorShape(res, 400);
    expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown route answers 404 in the error shape', async () => {
    expectErrorShape(await t.http.get('/api/v1/nothing-here').set(bearer(t.adminToken)), 404);
  });
});
