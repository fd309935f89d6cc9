import { registerAs } from '@nestjs/config';
import { IsBoolean, IsIn, IsInt, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';
import { validateEnv } from './validate-env';

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];
/**
 * Reads the raw string: implicit conversion has already turned "false" into Boolean("false") === true by the
 * time `value` arrives. Anything unrecognised stays a string, so IsBoolean refuses it by name.
 */
const toBool = ({ key, obj }: { key: string; obj: Record<string, unknown> }) => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  const v = raw.trim().toLowerCase();
  return TRUE.includes(v) ? true : FALSE.includes(v) ? false : raw;
};

class AppEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /** Maximum JSON body size accepted by the API (body-parser syntax). */
  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT: string = '256kb';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Run pending migrations when the service starts (the quick start relies on it). */
  @Transform(toBool)
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START: boolean = true;

  /** Run the queue workers inside the API process (small centre) instead of `npm run start:worker`. */
  @Transform(toBool)
  @IsBoolean({ message: 'RUN_WORKERS must be true or false' })
  RUN_WORKERS: boolean = true;

  /**
   * Express `trust proxy`: set it (for example `1` or `loopback`) when the API runs behind a reverse proxy, so
   * the login rate limit and the logs see the client's address rather than the proxy's.
   */
  @Matches(/^(false|true|\d{1,2}|[a-z0-9.:/, ]{1,200})$/i, {
    message: 'TRUST_PROXY must be false, a hop count or addresses',
  })
  TRUST_PROXY: string = 'false';

  /** Where users reach the API (printed at start-up); defaults to http://localhost:PORT. */
  @ValidateIf((env: AppEnv) => env.PUBLIC_URL !== '')
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be an http(s) URL' },
  )
  PUBLIC_URL: string = '';
}

export const appConfig = registerAs('app', () => {
  const env = validateEnv(AppEnv);
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    bodyLimit: env.BODY_LIMIT,
    logLevel: env.LOG_LEVEL,
    migrateOnStart: env.MIGRATE_ON_START,
    runWorkers: env.RUN_WORKERS,
    trustProxy: /^\d+$/.test(env.TRUST_PROXY)
      ? Number(env.TRUST_PROXY)
      : env.TRUST_PROXY === 'true'
        ? true
        : env.TRUST_PROXY === 'false'
          ? false
          : env.TRUST_PROXY,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT}`).replace(/\/$/, ''),
  };
});
export type AppConfig = ReturnType<typeof appConfig>;
