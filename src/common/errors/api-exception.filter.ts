import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { currentRequestId } from '../request-context/request-context';
import { DomainException, ErrorDetail } from './domain.exception';
import { ErrorResponseDto } from './error-response.dto';

interface BodyParserError {
  type: string;
  status: number;
  message: string;
}
const isBodyParserError = (e: unknown): e is BodyParserError =>
  typeof e === 'object' &&
  e !== null &&
  'type' in e &&
  'status' in e &&
  typeof (e as BodyParserError).status === 'number';

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Malformed JSON body',
  'entity.too.large': 'Request body is too large',
  'encoding.unsupported': 'Unsupported body encoding',
  'charset.unsupported': 'Unsupported body charset',
};

/** Maps every error to the one error shape; a 500 says nothing but its request id, the detail goes to the log. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorResponseDto {
    const requestId = currentRequestId() ?? '';
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
      if (typeof response === 'object' && response !== null && 'details' in response) {
        const r = response as { message: string; details: ErrorDetail[]; code?: string };
        return shape(status, r.message, r.details, r.code);
      }
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return shape(status, message);
    }
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
      return shape(exception.status, BODY_PARSER_MESSAGES[exception.type] ?? 'Invalid request body', [
        { field: 'body', message: BODY_PARSER_MESSAGES[exception.type] ?? exception.type },
      ]);
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string };
      // Input that slipped past validation but was refused by a database constraint is still the caller's error.
      if (pg.code === '22P02' || pg.code === '22003' || pg.code === '22007' || pg.code === '22008') {
        return shape(HttpStatus.BAD_REQUEST, 'A value is out of range or malformed');
      }
    }
    return shape(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
