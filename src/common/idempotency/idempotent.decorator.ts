import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiIdempotencyKey } from '../http/api-responses.decorator';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The route honours an `Idempotency-Key` header (see IdempotencyInterceptor), and its OpenAPI entry says so.
 * The interceptor runs on these routes only: every other request (a search at an intake desk, say) skips the
 * interceptor pipeline altogether.
 */
export const Idempotent = () => applyDecorators(UseInterceptors(IdempotencyInterceptor), ApiIdempotencyKey());
