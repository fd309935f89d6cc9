import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigurationError extends Error {}

/**
 * Reads one concern's variables from the environment into a typed, validated object.
 * Throws a message naming every bad variable, so the service refuses to start with a clear reason.
 */
export function validateEnv<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const instance = plainToInstance(schema, { ...env }, { enableImplicitConversion: true });
  const errors = validateSync(instance, { whitelist: true, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return instance;
}

export const isProduction = (env: NodeJS.ProcessEnv = process.env): boolean => env.NODE_ENV === 'production';

/**
 * A secret that still says it is a placeholder ("change-me", as examples and docker-compose.yml once shipped):
 * refused in production, where a published value would let anyone sign tokens, wristbands or documents.
 */
export const NOT_A_PLACEHOLDER = /^(?![\s\S]*change[-_ ]?me)/i;
export const placeholderMessage = (name: string) =>
  `${name} must be a secret of your own, not a placeholder (e.g. openssl rand -base64 48)`;
