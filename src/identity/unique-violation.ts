import { QueryFailedError } from 'typeorm';

/** True when `err` is PostgreSQL refusing a row because of the named unique index or constraint. */
export const isUniqueViolation = (err: unknown, constraint: string): boolean =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string; constraint?: string }).code === '23505' &&
  (err.driverError as { constraint?: string }).constraint === constraint;
