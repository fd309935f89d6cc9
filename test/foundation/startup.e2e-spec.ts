import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createEmptyTestDatabase, createTestDatabase, dropTestDatabase } from '../support/test-app';
import { databaseUrl } from '../support/test-env';
import { freePort, RunningApp, spawnMain, waitFor200 } from '../support/spawn-app';

jest.setTimeout(180_000);

async function query<T>(db: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl(db) });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const base = (db: string, port: number) => ({
  NODE_ENV: 'development',
  DATABASE_URL: databaseUrl(db),
  PORT: String(port),
  QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
  LOG_LEVEL: 'warn',
  ADMIN_EMAIL: 'first.admin@example.org',
  ADMIN_PASSWORD: undefined,
  JWT_SECRET: undefined,
});

async function login(port: number, email: string, password: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

async function stop(app: RunningApp): Promise<number | string> {
  app.child.kill('SIGTERM');
  return app.exited;
}

describe('start-up', () => {
  describe('refuses a bad configuration, naming the variable', () => {
    it.each([
      ['PORT', { PORT: 'abc' }],
      ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
      ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
      ['MIGRATE_ON_START', { MIGRATE_ON_START: 'perhaps' }],
      ['JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: undefined }],
    ])('%s', async (name, env) => {
      const app = spawnMain({ ...base('unused', 1), ...env });
      const code = await app.exited;
      expect(code).not.toBe(0);
      expect(app.stderr()).toContain(name);
      expect(app.stderr()).toMatch(/Invalid configuration/);
    });
  });

  describe('first run on a truly empty database (MIGRATE_ON_START=true, no ADMIN_PASSWORD)', () => {
    let db: string;
    let port: number;
    let app: RunningApp;
    beforeAll(async () => {
      db = await createEmptyTestDatabase('empty');
      port = await freePort();
      app = spawnMain({ ...base(db, port), MIGRATE_ON_START: 'true' });
      await waitFor200(`http://127.0.0.1:${port}/health/ready`, app);
    });
    afterAll(async () => {
      if (app.child.exitCode === null) await stop(app);
      await dropTestDatabase(db);
    });

    it('applies the migrations, creates DEMO-01 and the admin, and prints the generated password once', async () => {
      const migrations = await query(db, `SELECT name FROM migrations`);
      expect(migrations.length).toBeGreaterThanOrEqual(3);
      expect(await query(db, `SELECT code FROM centres`)).toEqual([{ code: 'DEMO-01' }]);
      expect(await query(db, `SELECT email, roles FROM users`)).toEqual([
        { email: 'first.admin@example.org', roles: ['admin'] },
      ]);
      const printed = [...app.stdout().matchAll(/Generated password \(shown once\): (\S+)/g)];
      expect(printed).toHaveLength(1);
      const password = printed[0]?.[1] ?? '';
      expect(await login(port, 'first.admin@example.org', password)).toBe(200);
      expect(app.stdout()).toContain(`/docs`);
      // Starts without warnings (route patterns in the path-to-regexp 8 syntax).
      expect(app.stdout()).not.toMatch(/"level":40/);
      // The first run is audited and the chain verifies.
      expect(await query(db, `SELECT action FROM audit_events ORDER BY occurred_at, seq`)).toEqual(
        expect.arrayContaining([{ action: 'centre.create' }, { action: 'user.create' }]),
      );
    });

    it('stops gracefully on SIGTERM with exit code 0', async () => {
      expect(await stop(app)).toBe(0);
    });

    it('a second start on the same database creates nothing and prints no password', async () => {
      const again = spawnMain({ ...base(db, port), MIGRATE_ON_START: 'true' });
      try {
        await waitFor200(`http://127.0.0.1:${port}/health/ready`, again);
        expect(again.stdout()).not.toMatch(/Generated password/);
        expect(await query(db, `SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 1 }]);
        expect(await query(db, `SELECT count(*)::int AS n FROM centres`)).toEqual([{ n: 1 }]);
      } finally {
        expect(await stop(again)).toBe(0);
      }
    });
  });

  it('refuses to start on an unmigrated database with MIGRATE_ON_START=false, saying what to do', async () => {
    const db = await createEmptyTestDatabase('nomig');
    try {
      const app = spawnMain({ ...base(db, await freePort()), MIGRATE_ON_START: 'false' });
      expect(await app.exited).toBe(1);
      expect(app.stderr()).toMatch(/migrations are pending.*migration:run/s);
    } finally {
      await dropTestDatabase(db);
    }
  });

  it('completes a first run that was interrupted after creating the demo centre', async () => {
    const db = await createTestDatabase();
    await query(
      db,
      `INSERT INTO centres (code, name, country, regime, capacity, time_zone, version)
       VALUES ('DEMO-01', 'Demo', 'HN', 'attention', 10, 'America/Tegucigalpa', 1)`,
    );
    const port = await freePort();
    const app = spawnMain({
      ...base(db, port),
      MIGRATE_ON_START: 'false',
      ADMIN_PASSWORD: 'chosen-admin-password',
    });
    try {
      await waitFor200(`http://127.0.0.1:${port}/health/ready`, app);
      expect(await login(port, 'first.admin@example.org', 'chosen-admin-password')).toBe(200);
      expect(await query(db, `SELECT count(*)::int AS n FROM centres`)).toEqual([{ n: 1 }]);
    } finally {
      expect(await stop(app)).toBe(0);
      await dropTestDatabase(db);
    }
  });

  it('on a migrated empty database, uses ADMIN_PASSWORD and prints no password', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    const app = spawnMain({
      ...base(db, port),
      MIGRATE_ON_START: 'false',
      ADMIN_PASSWORD: 'chosen-admin-password',
    });
    try {
      await waitFor200(`http://127.0.0.1:${port}/health/ready`, app);
      expect(app.stdout()).not.toMatch(/Generated password/);
      expect(app.stdout()).not.toContain('chosen-admin-password');
      expect(await login(port, 'first.admin@example.org', 'chosen-admin-password')).toBe(200);
      expect(await query(db, `SELECT code FROM centres`)).toEqual([{ code: 'DEMO-01' }]);
    } finally {
      expect(await stop(app)).toBe(0);
      await dropTestDatabase(db);
    }
  });
});
