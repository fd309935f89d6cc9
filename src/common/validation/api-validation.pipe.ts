import {
  ArgumentMetadata,
  BadRequestException,
  Injectable,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { ErrorDetail } from '../errors/domain.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 12;

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Finds what no DTO may receive, before any code walks the value: keys that could reach an object's prototype,
 * nesting deeper than any DTO needs, and text that is not well-formed Unicode (a lone UTF-16 surrogate cannot
 * be stored as UTF-8, and some validators throw on it). Exported for code that reads a body before the pipe (the
 * idempotency interceptor hashes it).
 */
export function findUnsafeKey(value: unknown, path = '', depth = 0): ErrorDetail | undefined {
  if (typeof value === 'string')
    return isWellFormed(value) ? undefined : { field: path || 'body', message: 'is not valid Unicode text' };
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  if (depth > MAX_DEPTH) return { field: path || 'body', message: 'is nested too deeply' };
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { field, message: 'is not an allowed property name' };
    if (!isWellFormed(key))
      return { field: path || 'body', message: 'has a property name that is not valid Unicode' };
    const found = findUnsafeKey((value as Record<string, unknown>)[key], field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** String.prototype.isWellFormed (Node 20; not yet in this TypeScript lib). */
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * With ES2022 class fields every declared DTO property exists, as undefined when the caller left it out.
 * Removing those keeps `{ ...dto }`, `Object.keys(dto)` and audit details to what was actually sent.
 */
function dropUndefined<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    value.forEach((v) => dropUndefined(v, depth + 1));
    return value;
  }
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) delete (value as Record<string, unknown>)[key];
    else dropUndefined(v, depth + 1);
  }
  return value;
}

/** Every uuid in a body or query, at any depth, in lower case (see transform). */
function lowerCaseUuids(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value.toLowerCase() : value;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => lowerCaseUuids(v, depth + 1));
  for (const key of Object.keys(value)) {
    (value as Record<string, unknown>)[key] = lowerCaseUuids(
      (value as Record<string, unknown>)[key],
      depth + 1,
    );
  }
  return value;
}

export const validationFailed = (details: ErrorDetail[]) =>
  new BadRequestException({ message: 'Request validation failed', details });

/**
 * The global pipe: whitelist, forbid unknown fields, transform, and answer with field-level details.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // PostgreSQL compares uuids case-insensitively but code compares strings: `/users/<ID in capitals>` or a
    // `centreId` in capitals must not slip past `id === actor.id` or `centreIds.includes(id)`, nor be audited
    // (and hashed into the audit chain) under another spelling than the one the database stores.
    if (metadata.type === 'param' && typeof value === 'string' && UUID.test(value))
      return value.toLowerCase();
    // A raw body (the PDF of POST /documents/verify, public) is bytes, not fields: walking it as an object would
    // visit every byte, about a second per megabyte.
    if (ArrayBuffer.isView(value)) return value;
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = findUnsafeKey(value);
      if (unsafe) throw validationFailed([unsafe]);
      value = lowerCaseUuids(value);
      if (
        metadata.type === 'body' &&
        (value === undefined || typeof value !== 'object' || Array.isArray(value))
      ) {
        if (metadata.metatype && metadata.metatype !== Object) {
          throw validationFailed([{ field: 'body', message: 'must be a JSON object' }]);
        }
      }
    }
    const result = await super.transform(value, metadata);
    return metadata.type === 'body' || metadata.type === 'query' ? dropUndefined(result) : result;
  }
}
