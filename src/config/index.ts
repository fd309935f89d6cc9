export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './redis.config';
export { ConfigurationError } from './validate-env';

import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { databaseConfig } from './database.config';
import { redisConfig } from './redis.config';
import { ConfigurationError } from './validate-env';

/** Validates every concern at once; throws one ConfigurationError listing every bad variable. */
export function checkConfiguration(): void {
  const problems: string[] = [];
  for (const factory of [appConfig, databaseConfig, redisConfig, authConfig]) {
    try {
      factory();
    } catch (e) {
      if (!(e instanceof ConfigurationError)) throw e;
      problems.push(...e.message.split('\n').slice(1));
    }
  }
  if (problems.length) throw new ConfigurationError(`Invalid configuration:\n${problems.join('\n')}`);
}
