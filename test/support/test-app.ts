import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { databaseUrl, PG_ADMIN_URL, TEMPLATE_DB, TEST_DB_PREFIX } from './test-env';

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  db: DataSource;
  databaseName: string;
  queuePrefix: string;
  adminToken: string;
  demoCentreId: string;
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const name = `${TEST_DB_PREFIX}${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  return name;
}

/** A database with nothing in it (no migration applied), named `label` to tell it apart, for one test. */
export async function createEmptyTestDatabase(label: string): Promise<string> {
  const name = `${TEST_DB_PREFIX}${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return name;
}

export const dropTestDatabase = (name: string) => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

/** The values that the previous app's `env` replaced, put back before the next app boots. */
const replaced = new Map<string, string | undefined>();

function overrideEnvironment(env: Record<string, string>): void {
  for (const [key, value] of replaced) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  replaced.clear();
  for (const key of Object.keys(env)) replaced.set(key, process.env[key]);
}

/**
 * Boots the real application (same modules, same configureApp as production) on its own database and its own
 * Redis key prefix. `env` overrides configuration for this app only: a second app of the same file does not
 * inherit the first one's.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  /** Extra controllers mounted beside the real ones (for tests of cross-cutting behaviour only). */
  extraControllers: Type[] = [],
): Promise<TestApp> {
  const databaseName = await createTestDatabase();
  const queuePrefix = `t${randomBytes(5).toString('hex')}`;
  overrideEnvironment(env);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(databaseName),
    QUEUE_PREFIX: queuePrefix,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    // Evidence is recorded moments before the checks it feeds; test/identity/exit-evidence-age covers the rule.
    IDENTITY_EVIDENCE_MIN_AGE_MINUTES: '0',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ...env,
  });
  // Loaded after the environment is set: configuration is read when the module is built.
  const { AppModule } = await import('../../src/app.module');
  const { configureApp } = await import('../../src/app.setup');
  const { appConfig } = await import('../../src/config/app.config');

  const moduleRef = await Test.createTestingModule({
    imports: [AppModule],
    controllers: extraControllers,
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, app.get(appConfig.KEY));
  await app.init();

  const http = request(app.getHttpServer());
  const login = await http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (login.status !== 200)
    throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const db = app.get(DataSource);
  const [{ id: demoCentreId }] = await db.query(`SELECT id FROM centres WHERE code = 'DEMO-01'`);

  return {
    app,
    http,
    db,
    databaseName,
    queuePrefix,
    adminToken: login.body.accessToken,
    demoCentreId,
    async close() {
      await app.close();
      await dropTestDatabase(databaseName);
    },
  };
}
