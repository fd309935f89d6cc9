import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { createTestApp, TestApp } from '../support/test-app';

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('/health/live answers 200 without a token', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('/health/ready answers 200 with postgres and redis up', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('/docs serves the Swagger UI and its assets despite the security headers', async () => {
    const page = await t.http.get('/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const scripts = [...page.text.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('http')).toBe(false); // served by us, so CSP 'self' allows it
      expect((await t.http.get(new URL(src, 'http://x/docs/').pathname)).status).toBe(200);
    }
  });

  describe('/docs-json', () => {
    let doc: {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: {
        securitySchemes: Record<string, { type: string; scheme: string }>;
        schemas: Record<string, unknown>;
      };
    };
    beforeAll(async () => {
      const res = await t.http.get('/docs-json');
      expect(res.status).toBe(200);
      doc = res.body;
    });

    it('lists every route of every controller', () => {
      const scanner = new MetadataScanner();
      const expected: string[] = [];
      for (const { instance, metatype } of new DiscoveryService(
        t.app.get(ModulesContainer),
      ).getControllers()) {
        if (!instance || !metatype) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '').replace(/^\/|\/$/g, '');
        const proto = Object.getPrototypeOf(instance);
        for (const name of scanner.getAllMethodNames(proto)) {
          const method = Reflect.getMetadata(METHOD_METADATA, proto[name]) as RequestMethod | undefined;
          if (method === undefined) continue;
          const sub = String(Reflect.getMetadata(PATH_METADATA, proto[name]) ?? '').replace(/^\/|\/$/g, '');
          const path = [base, sub]
            .filter(Boolean)
            .join('/')
            .replace(/:(\w+)/g, '{$1}');
          const prefixed = base === 'health' ? `/${path}` : `/api/v1/${path}`;
          expected.push(`${RequestMethod[method].toLowerCase()} ${prefixed}`);
        }
      }
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m} ${p}`),
      );
      expect(expected.length).toBeGreaterThanOrEqual(12);
      expect(documented.sort()).toEqual(expect.arrayContaining(expected.sort()));
    });

    it('has bearer security on protected routes and none on public ones', () => {
      expect(Object.values(doc.components.securitySchemes)).toContainEqual(
        expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      );
      expect(doc.paths['/api/v1/centres'].post.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/api/v1/auth/login'].post.security).toBeUndefined();
    });

    it('documents ErrorResponseDto and uses it for errors', () => {
      expect(doc.components.schemas).toHaveProperty('ErrorResponseDto');
      const responses = doc.paths['/api/v1/centres'].post.responses as Record<string, { content?: object }>;
      expect(JSON.stringify(responses['400'])).toContain('#/components/schemas/ErrorResponseDto');
      expect(JSON.stringify(responses['403'])).toContain('#/components/schemas/ErrorResponseDto');
    });

    it('every operation documents a success answer', () => {
      const missing = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !Object.keys(op.responses).some((code) => code.startsWith('2')))
          .map(([m]) => `${m} ${p}`),
      );
      expect(missing).toEqual([]);
    });
  });
});
