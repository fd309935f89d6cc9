import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  isISO8601,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';

// PostgreSQL text cannot hold NUL, and other control characters in names or notes are never intended.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * The property may be left out, but when present it must be valid: unlike `IsOptional()`, `null` is refused.
 * Use it in update DTOs for columns that are NOT NULL (a PATCH with `"name": null` must answer 400, not 500).
 */
export const OptionalNotNull = (options: ValidationOptions = {}) =>
  ValidateIf((_, value) => value !== undefined, options);

/**
 * A field holding one object, validated as `type`. The value must be an object: ValidateNested alone lets a list
 * through (`"accompaniedBy": []` reached the code as an object with no fields, and `"nextOfKin": [{...}]` was
 * stored as `{"0": ...}`).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const NestedObject = (type: () => Function) =>
  applyDecorators(Type(type), ValidateNested(), IsObject());

/** A list of objects, each validated as `type`; a list inside the list (`"cash": [[...]]`) is refused. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const NestedObjects = (type: () => Function) =>
  applyDecorators(
    Type(type),
    ValidateNested({ each: true }),
    IsObject({ each: true, message: 'each entry must be an object' }),
  );

export interface TextOptions {
  min?: number;
  /** May be left out. */
  optional?: boolean;
  /** With `optional`: whether `null` is accepted (it clears a nullable column). Default true. */
  nullable?: boolean;
  example?: string;
  /** For the OpenAPI document. */
  description?: string;
}

/** A trimmed, non-empty, length-limited string without control characters: the default for free text. */
export function IsText(max: number, options: TextOptions = {}) {
  const decorators = [
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(max),
    Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' }),
  ];
  if (!options.optional)
    return applyDecorators(
      ApiProperty({ maxLength: max, example: options.example, description: options.description }),
      ...decorators,
    );
  const nullable = options.nullable ?? true;
  return applyDecorators(
    ApiPropertyOptional({
      maxLength: max,
      example: options.example,
      description: options.description,
      nullable,
    }),
    nullable ? IsOptional() : OptionalNotNull(),
    ...decorators,
  );
}

/** ISO 3166-1 alpha-2, upper case (for example HN, MX, BD); with `each`, every code of a list. */
export function IsCountryCode(options: ValidationOptions = {}) {
  const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v);
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map(upper) : upper(value))),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code', ...options }),
  );
}

/** The canonical spelling of a time zone this runtime knows (america/mexico_city → America/Mexico_City). */
function canonicalTimeZone(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 64) return value;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return value;
  }
}

/** An IANA time zone name that this runtime knows (for example America/Tegucigalpa), stored canonically. */
export function IsTimeZone(options: ValidationOptions = {}) {
  return applyDecorators(
    Transform(({ value }) => canonicalTimeZone(value)),
    isKnownTimeZone(options),
  );
}

function isKnownTimeZone(options: ValidationOptions) {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an IANA time zone such as America/Mexico_City`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value.length > 64) return false;
          try {
            new Intl.DateTimeFormat('en', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options: ValidationOptions = {}) {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, {
      message: '$property must be a date in the form YYYY-MM-DD',
      ...options,
    }),
    (object: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isCalendarDate',
        target: object.constructor,
        propertyName: String(propertyName),
        options: { message: `${String(propertyName)} must be a real calendar date`, ...options },
        validator: {
          validate: isCalendarDate,
        },
      }),
  );
}

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const TIME = String.raw`T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:\d{2})`;
/** A date and a time to the minute at least, then the zone. */
const DATE_TIME = new RegExp(`^${DATE}${TIME}${ZONE}$`);
/** With `zone: 'utc-if-absent'`: the same, the zone optional, or a date alone (its midnight, UTC). */
const DATE_TIME_ZONE_OPTIONAL = new RegExp(`^${DATE}(${TIME}${ZONE}?)?$`);

/**
 * An instant, such as 2026-11-20T14:05:00Z or 2026-11-20T08:05-06:00. ISO 8601 alone allows forms a Date cannot
 * read (week dates 2026-W47-5, ordinal dates 2026-324, an hour alone 2026-11-20T14: each an Invalid Date, and a
 * 500 where it was compared), and a time without a zone, which the application would read in the server's own
 * zone. `zone: 'utc-if-absent'` lets the zone, or the time, be left out where only PostgreSQL reads the value, in
 * the UTC of every session (typeorm-options.ts): the audit filters.
 */
export function IsDateTime(options: ValidationOptions & { zone?: 'required' | 'utc-if-absent' } = {}) {
  const { zone = 'required', ...validation } = options;
  const form = zone === 'required' ? DATE_TIME : DATE_TIME_ZONE_OPTIONAL;
  const expected = zone === 'required' ? 'a date and time with its zone' : 'a date, or a date and time';
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateTime',
      target: object.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be ${expected}, such as 2026-11-20T14:05:00Z`,
        ...validation,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          form.test(value) &&
          isISO8601(value, { strict: true, strictSeparator: true }) &&
          !Number.isNaN(Date.parse(value)),
      },
    });
}

/** The latest calendar date anywhere on Earth right now (UTC+14): a date of birth "today" there is not future. */
function latestDateOnEarth(): string {
  return new Date(Date.now() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * A date of birth: a real calendar date (YYYY-MM-DD), not after today, not before 1900. A typo such as
 * 2999-01-01 would otherwise give a negative age, which counts as a child.
 */
export function IsDateOfBirth(options: ValidationOptions = {}) {
  return applyDecorators(IsCalendarDate(options), (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOfBirth',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be between 1900-01-01 and today`, ...options },
      validator: {
        // Only the range: a value that is no calendar date at all has IsCalendarDate's message alone.
        validate: (value: unknown) =>
          !isCalendarDate(value) || (value >= '1900-01-01' && value <= latestDateOnEarth()),
      },
    }),
  );
}
