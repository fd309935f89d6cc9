import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { databaseConfig } from './database.config';
import { documentsConfig } from './documents.config';
import { identityConfig } from './identity.config';
import { redisConfig } from './redis.config';
import { ConfigurationError } from './validate-env';

/** Each factory reads process.env when called; run it under a given environment. */
function withEnv<T>(env: Record<string, string | undefined>, fn: () => T): T {
  const saved = { ...process.env };
  for (const k of [
    'NODE_ENV',
    'PORT',
    'JWT_SECRET',
    'MIGRATE_ON_START',
    'RUN_WORKERS',
    'ADMIN_PASSWORD',
    'TRUST_PROXY',
  ])
    delete process.env[k];
  Object.assign(process.env, env);
  try {
    return fn();
  } finally {
    process.env = saved;
  }
}
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('configuration', () => {
  it('has working development defaults', () => {
    withEnv({}, () => {
      expect(appConfig()).toMatchObject({
        nodeEnv: 'development',
        port: 3000,
        bodyLimit: '256kb',
        migrateOnStart: true,
        runWorkers: true,
        publicUrl: 'http://localhost:3000',
      });
      expect(databaseConfig().url).toMatch(/^postgres:\/\//);
      expect(redisConfig()).toEqual({ url: 'redis://127.0.0.1:6379', queuePrefix: 'mcm' });
      expect(authConfig()).toMatchObject({
        jwtExpiresIn: '8h',
        loginRateLimit: 10,
        adminEmail: 'admin@example.org',
      });
    });
  });

  it.each([
    ['false', false],
    ['true', true],
    ['0', false],
    ['1', true],
    ['FALSE', false],
  ])('reads MIGRATE_ON_START=%s as %s', (value, expected) => {
    withEnv({ MIGRATE_ON_START: value, RUN_WORKERS: value }, () => {
      expect(appConfig().migrateOnStart).toBe(expected);
      expect(appConfig().runWorkers).toBe(expected);
    });
  });

  it.each<[string, unknown]>([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 127.0.0.1', '10.0.0.0/8, 127.0.0.1'],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(withEnv({ TRUST_PROXY: value }, () => appConfig().trustProxy)).toEqual(expected);
  });

  it('refuses a boolean it cannot read, naming it', () => {
    expect(withEnv({ MIGRATE_ON_START: 'maybe' }, () => failure(() => appConfig()))).toMatch(
      /MIGRATE_ON_START/,
    );
  });

  it.each<[string, Record<string, string>, () => unknown]>([
    ['PORT', { PORT: 'abc' }, () => appConfig()],
    ['PORT', { PORT: '70000' }, () => appConfig()],
    ['PORT', { PORT: '80.5' }, () => appConfig()],
    ['NODE_ENV', { NODE_ENV: 'staging' }, () => appConfig()],
    ['BODY_LIMIT', { BODY_LIMIT: 'lots' }, () => appConfig()],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, () => appConfig()],
    ['PUBLIC_URL', { PUBLIC_URL: 'not a url' }, () => appConfig()],
    ['TRUST_PROXY', { TRUST_PROXY: '$(rm -rf)' }, () => appConfig()],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, () => databaseConfig()],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }, () => databaseConfig()],
    ['REDIS_URL', { REDIS_URL: 'http://redis' }, () => redisConfig()],
    ['QUEUE_PREFIX', { QUEUE_PREFIX: 'has space' }, () => redisConfig()],
    ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: 'forever' }, () => authConfig()],
    ['LOGIN_RATE_LIMIT', { LOGIN_RATE_LIMIT: '-1' }, () => authConfig()],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'nobody' }, () => authConfig()],
    ['ADMIN_PASSWORD', { ADMIN_PASSWORD: 'short' }, () => authConfig()],
    ['DOCUMENT_STUCK_AFTER_SECONDS', { DOCUMENT_STUCK_AFTER_SECONDS: '0' }, () => documentsConfig()],
    [
      'DOCUMENT_STUCK_AFTER_SECONDS',
      { DOCUMENT_STUCK_AFTER_SECONDS: '20', DOCUMENT_JOB_LOCK_MS: '30000' },
      () => documentsConfig(),
    ],
  ])('refuses a bad %s, naming it', (name, env, factory) => {
    expect(withEnv(env, () => failure(factory))).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('requires a strong JWT_SECRET in production', () => {
    expect(withEnv({ NODE_ENV: 'production' }, () => failure(() => authConfig()))).toMatch(/JWT_SECRET/);
    expect(
      withEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' }, () => failure(() => authConfig())),
    ).toMatch(/JWT_SECRET/);
    const secret = 's'.repeat(40);
    expect(withEnv({ NODE_ENV: 'production', JWT_SECRET: secret }, () => authConfig().jwtSecret)).toBe(
      secret,
    );
  });

  it.each([
    ['JWT_SECRET', () => authConfig()],
    ['DOCUMENT_SIGNING_SECRET', () => documentsConfig()],
    ['IDENTITY_SIGNING_SECRET', () => identityConfig()],
  ])('refuses a placeholder %s in production', (name, factory) => {
    const placeholder = 'change-me-to-a-long-random-secret-of-32-chars-or-more';
    expect(withEnv({ NODE_ENV: 'production', [name]: placeholder }, () => failure(factory))).toMatch(
      new RegExp(`${name} must be a secret of your own`),
    );
    expect(
      withEnv({ NODE_ENV: 'production', [name]: 'CHANGE_ME'.padEnd(40, 'x') }, () => failure(factory)),
    ).toMatch(new RegExp(name));
  });

  it('never uses the development JWT secret in production', () => {
    const dev = withEnv({}, () => authConfig().jwtSecret);
    expect(
      withEnv({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }, () => authConfig().jwtSecret),
    ).not.toBe(dev);
  });
});
