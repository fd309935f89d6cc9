import { registerAs } from '@nestjs/config';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { validateEnv } from './validate-env';

// Reads the raw variable (`obj[key]`): with implicit conversion `value` is already Boolean('false') === true.
// Anything but true/false stays a string, so IsBoolean rejects it with a clear message.
const toBool = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return raw === 'true' || raw === true ? true : raw === 'false' || raw === false ? false : raw;
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
  @IsBoolean()
  MIGRATE_ON_START: boolean = true;

  /** Run the queue workers inside the API process (small centre) instead of `npm run start:worker`. */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKERS: boolean = true;

  @IsString()
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
    publicUrl: env.PUBLIC_URL || `http://localhost:${env.PORT}`,
  };
});
export type AppConfig = ReturnType<typeof appConfig>;
