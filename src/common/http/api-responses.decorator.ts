import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';

type ErrorCase = 400 | 404 | 409 | 413 | 422;

const RESPONSES: Record<ErrorCase, MethodDecorator & ClassDecorator> = {
  400: ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Invalid input, with field-level details',
  }),
  404: ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not found, or outside your centres' }),
  409: ApiConflictResponse({ type: ErrorResponseDto, description: 'Conflicts with the current state' }),
  413: ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body larger than the limit' }),
  422: ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Breaks a rule of the domain' }),
};

/** Documents the error answers a route can give, all in the common error shape. */
export const ApiErrors = (...cases: ErrorCase[]) => applyDecorators(...cases.map((c) => RESPONSES[c]));

export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Any unique string (up to 255 characters). A retry with the same key replays the first answer for 24 hours ' +
      'instead of creating a second record; the same key with a different body answers 422. 409 ' +
      'IDEMPOTENCY_IN_PROGRESS: the first request is still running, retry shortly; 409 ' +
      'IDEMPOTENCY_OUTCOME_UNKNOWN: it ended without an answer, look at the record and use a new key; 409 ' +
      'IDEMPOTENCY_SCOPE_CHANGED: your roles or centres changed since, so the answer is not replayed.',
  });
