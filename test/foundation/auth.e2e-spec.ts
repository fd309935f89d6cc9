import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ANY_ROLE, PUBLIC_KEY, ROLES_KEY } from '../../src/auth/auth.decorators';
import { ALL_ROLES, Role } from '../../src/auth/role.enum';
import { bearer, createCentre, createUser } from '../factories';
import { expectErrorShape } from '../support/assertions';
import { ADMIN_EMAIL, createTestApp, TestApp } from '../support/test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ email, password });

  describe('login', () => {
    it('answers a bearer token for the right password', async () => {
      const res = await login(ADMIN_EMAIL, 'admin-password-for-tests');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: '8h' });
    });

    it('answers 401 with the same message for a wrong password and an unknown e-mail', async () => {
      const wrong = await login(ADMIN_EMAIL, 'not-the-password');
      const unknown = await login('nobody@example.org', 'not-the-password');
      expectErrorShape(wrong, 401);
      expectErrorShape(unknown, 401);
      expect(wrong.body.message).toBe(unknown.body.message);
      expect(wrong.body).not.toHaveProperty('accessToken');
    });

    it('answers 400, not 500, for an e-mail that is not valid Unicode (a lone surrogate)', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "a\\ud800b@example.org", "password": "whatever-password"}');
      expectErrorShape(res, 400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
    });

    it('accepts the e-mail in any case and with stray spaces', async () => {
      expect((await login(ADMIN_EMAIL.toUpperCase(), 'admin-password-for-tests')).status).toBe(200);
      expect((await login(` ${ADMIN_EMAIL} `, 'admin-password-for-tests')).status).toBe(200);
    });

    it('audits failed logins without the password', async () => {
      await login('intruder@example.org', 'secret-attempt-123');
      const [row] = await t.db.query(
        `SELECT * FROM audit_events WHERE action = 'auth.login' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1`,
      );
      expect(row).toMatchObject({ actor_id: null, details: { email: 'intruder@example.org' } });
      expect(JSON.stringify(row)).not.toContain('secret-attempt-123');
    });
  });

  describe('GET /auth/me', () => {
    it('answers the caller', async () => {
      const c = await createCentre(t.http, t.adminToken);
      const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [c.id]);
      const res = await t.http.get('/api/v1/auth/me').set(bearer(u.token));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: u.id,
        email: u.email,
        displayName: expect.any(String),
        roles: [Role.IntakeOfficer],
        centreIds: [c.id],
      });
    });

    it.each([
      ['no header', {}],
      ['a malformed token', { Authorization: 'Bearer not.a.jwt' }],
      ['another scheme', { Authorization: `Basic abc` }],
    ])('answers 401 with %s', async (_, headers) => {
      expectErrorShape(await t.http.get('/api/v1/auth/me').set(headers), 401);
    });

    it('answers 401 for an expired token and for an unsigned one', async () => {
      const { JwtService } = await import('@nestjs/jwt');
      const jwt = t.app.get(JwtService);
      const me = (await t.http.get('/api/v1/auth/me').set(bearer(t.adminToken))).body;
      const { tv } = jwt.decode(t.adminToken) as { tv: number };
      const expired = await jwt.signAsync({ sub: me.id, tv }, { expiresIn: -10 });
      expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer(expired)), 401);
      const payload = t.adminToken.split('.')[1];
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer(none)), 401);
    });

    it('answers 401 for a token signed with another secret', async () => {
      const { JwtService } = await import('@nestjs/jwt');
      const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({
        sub: '00000000-0000-4000-8000-000000000000',
        tv: 0,
      });
      expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer(forged)), 401);
    });
  });

  it("a deactivated user's existing token answers 401 at once", async () => {
    const u = await createUser(t.http, t.adminToken, [Role.Auditor], []);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(u.token))).status).toBe(200);
    const res = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(bearer(t.adminToken))
      .send({ version: 1, active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer(u.token)), 401);
    expectErrorShape(await login(u.email, u.password), 401);
    // Reactivated: the old token stays revoked, a new login works.
    const back = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(bearer(t.adminToken))
      .send({ version: 2, active: true });
    expect(back.status).toBe(200);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(u.token))).status).toBe(401);
    expect((await login(u.email, u.password)).status).toBe(200);
    // Someone kept using the access of a deactivated account, then a revoked token: audited once for each
    // reason (the revoked token, refused twice, once), and not for tokens anyone can forge.
    expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer(u.token)), 401);
    expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer('not-a-token')), 401);
    const refusals = await t.db.query(
      `SELECT actor_id, outcome, details->>'reason' AS reason FROM audit_events
       WHERE action = 'auth.token.refused' AND entity_id = $1 ORDER BY seq`,
      [u.id],
    );
    expect(refusals).toEqual([
      { actor_id: null, outcome: 'denied', reason: 'account inactive' },
      { actor_id: null, outcome: 'denied', reason: 'token revoked' },
    ]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.token.refused'`,
    );
    expect(n).toBe(2);
  });

  describe('password reset (admin)', () => {
    it('generates a password shown once; the old token and password stop working, the new one works', async () => {
      const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], []);
      const res = await t.http
        .post(`/api/v1/users/${u.id}/reset-password`)
        .set(bearer(t.adminToken))
        .send({});
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
      const generated: string = res.body.generatedPassword;
      expectErrorShape(await t.http.get('/api/v1/auth/me').set(bearer(u.token)), 401);
      expectErrorShape(await login(u.email, u.password), 401);
      const fresh = await login(u.email, generated);
      expect(fresh.status).toBe(200);
      expect((await t.http.get('/api/v1/auth/me').set(bearer(fresh.body.accessToken))).status).toBe(200);
      // Shown once: neither the user resource nor the audit trail carries it.
      const got = await t.http.get(`/api/v1/users/${u.id}`).set(bearer(t.adminToken));
      expect(JSON.stringify(got.body)).not.toContain(generated);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE details::text LIKE $1`,
        [`%${generated}%`],
      );
      expect(n).toBe(0);
    });

    it('sets a chosen password', async () => {
      const u = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], []);
      const res = await t.http
        .post(`/api/v1/users/${u.id}/reset-password`)
        .set(bearer(t.adminToken))
        .send({ password: 'a-new-long-password' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
      expect((await login(u.email, 'a-new-long-password')).status).toBe(200);
    });

    it('is refused to non-admins and answers 404 for an unknown user', async () => {
      const u = await createUser(t.http, t.adminToken, [Role.CentreManager], []);
      expectErrorShape(
        await t.http.post(`/api/v1/users/${u.id}/reset-password`).set(bearer(u.token)).send({}),
        403,
      );
      expectErrorShape(
        await t.http
          .post('/api/v1/users/00000000-0000-4000-8000-000000000000/reset-password')
          .set(bearer(t.adminToken))
          .send({}),
        404,
      );
    });
  });

  describe('roles', () => {
    it('an intake officer gets 403 on /users and /audit; an auditor reads /audit', async () => {
      const officer = await createUser(t.http, t.adminToken, [Role.IntakeOfficer], [t.demoCentreId]);
      const auditor = await createUser(t.http, t.adminToken, [Role.Auditor], [t.demoCentreId]);
      expectErrorShape(await t.http.get('/api/v1/users').set(bearer(officer.token)), 403);
      expectErrorShape(await t.http.get('/api/v1/audit').set(bearer(officer.token)), 403);
      expectErrorShape(await t.http.post('/api/v1/users').set(bearer(officer.token)).send({}), 403);
      expectErrorShape(await t.http.get('/api/v1/users').set(bearer(auditor.token)), 403);
      const res = await t.http.get('/api/v1/audit').set(bearer(auditor.token));
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
    });

    it('every route declares @Roles, @Authenticated or @Public', () => {
      const discovery = new DiscoveryService(t.app.get(ModulesContainer));
      const scanner = new MetadataScanner();
      const reflector = t.app.get(Reflector);
      const routes: string[] = [];
      const undeclared: string[] = [];
      for (const wrapper of discovery.getControllers()) {
        const { instance, metatype } = wrapper;
        if (!instance || !metatype) continue;
        const proto = Object.getPrototypeOf(instance);
        for (const name of scanner.getAllMethodNames(proto)) {
          const handler = proto[name];
          if (Reflect.getMetadata('method', handler) === undefined) continue; // not a route handler
          const label = `${metatype.name}.${name}`;
          routes.push(label);
          const targets = [handler, metatype];
          const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
          const roles = reflector.getAllAndOverride<Role[] | typeof ANY_ROLE>(ROLES_KEY, targets);
          const valid =
            roles === ANY_ROLE ||
            (Array.isArray(roles) && roles.length > 0 && roles.every((r) => ALL_ROLES.includes(r)));
          if (!isPublic && !valid) undeclared.push(label);
        }
      }
      expect(routes.length).toBeGreaterThanOrEqual(10);
      expect(undeclared).toEqual([]);
    });
  });
});
