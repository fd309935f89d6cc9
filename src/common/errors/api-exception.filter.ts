import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AuditEntry, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { currentRequestId } from '../request-context/request-context';
import { DomainException, ErrorDetail } from './domain.exception';
import { POOL_TIMEOUT_MESSAGE } from '../../database/typeorm-options';
import { ErrorResponseDto } from './error-response.dto';

/**
 * Database refusals that mean the request conflicts with data or breaks a constraint. Validation and the
 * services should catch these first; this is the safety net, so a race or a missed check is never a 500.
 */
const PG_CLIENT_ERRORS: Record<string, { status: HttpStatus; message: string }> = {
  // Transient: two transactions crossed (each waiting for rows the other holds); a retry works.
  '40P01': {
    status: HttpStatus.CONFLICT,
    message: 'The request collided with a concurrent change; retry it',
  },
  '40001': {
    status: HttpStatus.CONFLICT,
    message: 'The request collided with a concurrent change; retry it',
  },
  '23505': { status: HttpStatus.CONFLICT, message: 'A record with the same unique value already exists' },
  '23503': { status: HttpStatus.CONFLICT, message: 'A referenced record does not exist or is still in use' },
  '23502': { status: HttpStatus.BAD_REQUEST, message: 'A required value is missing' },
  '23514': { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'A value breaks a rule of the data' },
  '22008': { status: HttpStatus.BAD_REQUEST, message: 'A value is out of range or malformed' },
  '22001': { status: HttpStatus.BAD_REQUEST, message: 'A value is too long' },
  '22021': { status: HttpStatus.BAD_REQUEST, message: 'A value contains characters that cannot be stored' },
  '22P05': { status: HttpStatus.BAD_REQUEST, message: 'A value contains characters that cannot be stored' },
};

/**
 * Any other data exception (class 22: a value out of range for its type, a time zone offset PostgreSQL refuses):
 * the values came from the request.
 */
const DATA_EXCEPTION = { status: HttpStatus.BAD_REQUEST, message: 'A value is out of range or malformed' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface HealthCheckResult {
  status: 'error';
  details: Record<string, { status: string; message?: string }>;
}
const isHealthCheckResult = (r: unknown): r is HealthCheckResult =>
  typeof r === 'object' &&
  r !== null &&
  (r as HealthCheckResult).status === 'error' &&
  typeof (r as HealthCheckResult).details === 'object' &&
  !Array.isArray((r as HealthCheckResult).details);

/**
 * What the log may say about an error. A failed query is reduced to its SQL (placeholders only), error code
 * and constraint: its bound values, PostgreSQL's detail line and data-error messages quote the data itself
 * (names, identity numbers, clinical text).
 */
function loggable(exception: unknown): unknown {
  if (!(exception instanceof QueryFailedError)) return exception;
  const pg = exception.driverError as { code?: string; constraint?: string; table?: string; column?: string };
  return {
    type: 'QueryFailedError',
    message: pg.code?.startsWith('22')
      ? 'data exception (message withheld: it quotes the value)'
      : exception.message,
    code: pg.code,
    constraint: pg.constraint,
    table: pg.table,
    column: pg.column,
    query: exception.query,
    stack: exception.stack?.split('\n').slice(1).join('\n'),
  };
}

/**
 * Maps every error to the one error shape; a 500 says nothing but its request id, the detail goes to the log.
 * A refusal thrown marked `.audited(...)` is recorded here, before it is answered: by then the request's
 * transaction has rolled back and its connection is back in the pool.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(private readonly audit: AuditService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string; actor?: Actor }>();
    const res = http.getResponse<Response>();
    // The id set by requestIdMiddleware; the async context is not always carried into error paths.
    const requestId = (req?.id ?? currentRequestId()) || '';
    const body = toErrorBody(exception, requestId, req?.params ?? {});
    if (exception instanceof HttpException && isHealthCheckResult(exception.getResponse())) {
      this.logger.warn({ health: exception.getResponse(), requestId }, 'Not ready');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: loggable(exception), requestId }, 'Unhandled error');
    } else if (exception instanceof QueryFailedError) {
      this.logger.warn({ err: loggable(exception), requestId }, 'Request refused by a database constraint');
    }
    if (exception instanceof DomainException && exception.refusal) {
      await this.recordRefusal(req?.actor ?? null, exception.refusal, requestId);
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  /**
   * A refusal changed nothing, so it is answered even when its audit entry cannot be written (the database
   * went away meanwhile); the failure is logged with the request id for the auditors.
   */
  private async recordRefusal(actor: Actor | null, entry: AuditEntry, requestId: string): Promise<void> {
    try {
      await this.audit.recordAlone(actor, entry, requestId || undefined);
    } catch (err) {
      this.logger.error(
        { err: loggable(err), requestId, action: entry.action },
        'A refusal could not be audited',
      );
    }
  }
}

/** The error shape (and so the HTTP status) an exception is answered with. */
export function toErrorBody(
  exception: unknown,
  requestId: string,
  params: Record<string, unknown> = {},
): ErrorResponseDto {
  const shape = (statusCode: number, message: string, details: ErrorDetail[] = [], code?: string) => ({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    ...(code ? { code } : {}),
    message,
    details,
    requestId,
  });

  if (exception instanceof DomainException) {
    return shape(exception.status, exception.message, exception.details, exception.code);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (isHealthCheckResult(response)) {
      // Terminus answers 503 with an object of indicators; the error shape wants a list naming each one. The
      // endpoint is public: the indicators' own messages (a driver's "connect ECONNREFUSED 10.0.3.7:6379") go
      // to the log, not to the caller.
      return shape(
        status,
        'A dependency is unavailable',
        Object.entries(response.details).map(([field, r]) => ({
          field,
          code: r.status,
          message: `${field} is ${r.status}`,
        })),
      );
    }
    if (
      typeof response === 'object' &&
      response !== null &&
      Array.isArray((response as { details?: unknown }).details)
    ) {
      const r = response as { message: string; details: ErrorDetail[]; code?: string };
      return shape(status, r.message, r.details, r.code);
    }
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? (response as { message: string[] }).message.join('; ')
          : String((response as { message?: unknown }).message ?? exception.message);
    // ParseUUIDPipe says only "uuid is expected"; name the path parameters that are not UUIDs.
    if (
      status === HttpStatus.BAD_REQUEST &&
      /^Validation failed \(uuid( v\d)? is expected\)$/.test(message)
    ) {
      const bad = Object.entries(params).filter(([, v]) => typeof v !== 'string' || !UUID.test(v));
      return shape(
        status,
        'Invalid path parameter',
        bad.map(([field]) => ({ field, message: `${field} must be a UUID` })),
      );
    }
    return shape(status, message);
  }
  if (exception instanceof QueryFailedError) {
    // Input that slipped past validation but was refused by the database is still the caller's error.
    const code = (exception.driverError as { code?: string }).code ?? '';
    const mapped = PG_CLIENT_ERRORS[code] ?? (code.startsWith('22') ? DATA_EXCEPTION : undefined);
    if (mapped) return shape(mapped.status, mapped.message);
  }
  if (exception instanceof Error && exception.message === POOL_TIMEOUT_MESSAGE) {
    return shape(HttpStatus.SERVICE_UNAVAILABLE, 'The service is too busy to answer now; retry shortly');
  }
  return shape(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
}

/** The HTTP status an exception is answered with: under 500, the request was refused and wrote nothing. */
export const statusOf = (exception: unknown): number => toErrorBody(exception, '').statusCode;
