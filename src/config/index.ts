import { admissionsConfig } from './admissions.config';
import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { databaseConfig } from './database.config';
import { documentsConfig } from './documents.config';
import { identityConfig } from './identity.config';
import { outboxConfig } from './outbox.config';
import { propertyConfig } from './property.config';
import { redisConfig } from './redis.config';
import { ConfigurationError } from './validate-env';

export * from './admissions.config';
export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './documents.config';
export * from './identity.config';
export * from './outbox.config';
export * from './redis.config';
export { ConfigurationError } from './validate-env';
export * from './property.config';

/** Every concern's configuration: loaded by the application, checked together at start-up. */
export const configurations = [
  appConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  admissionsConfig,
  identityConfig,
  outboxConfig,
  documentsConfig,
  propertyConfig,
];

/** Validates every concern at once; throws one ConfigurationError listing every bad variable. */
export function checkConfiguration(): void {
  const problems: string[] = [];
  for (const factory of configurations) {
    try {
      factory();
    } catch (e) {
      if (!(e instanceof ConfigurationError)) throw e;
      problems.push(...e.message.split('\n').slice(1));
    }
  }
  if (problems.length) throw new ConfigurationError(`Invalid configuration:\n${problems.join('\n')}`);
}
