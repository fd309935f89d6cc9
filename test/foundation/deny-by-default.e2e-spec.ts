import { Controller, Get } from '@nestjs/common';
import { Authenticated } from '../../src/auth/auth.decorators';
import { bearer } from '../factories';
import { expectErrorShape } from '../support/assertions';
import { createTestApp, TestApp } from '../support/test-app';

/** A route someone forgot to declare roles for, beside one that did. */
@Controller('probe')
class ProbeController {
  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }

  @Get('declared')
  @Authenticated()
  declared() {
    return { ok: true };
  }
}

describe('deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, [ProbeController]);
  });
  afterAll(() => t.close());

  it('a route that declares no roles is refused even to an admin', async () => {
    const res = await t.http.get('/api/v1/probe/undeclared').set(bearer(t.adminToken));
    expectErrorShape(res, 403);
    expect(res.body).not.toHaveProperty('leaked');
  });

  it('and to an anonymous caller (401 first)', async () => {
    expectErrorShape(await t.http.get('/api/v1/probe/undeclared'), 401);
  });

  it('a declared route works', async () => {
    const res = await t.http.get('/api/v1/probe/declared').set(bearer(t.adminToken));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});
