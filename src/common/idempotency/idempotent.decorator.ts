import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT_KEY = 'idempotent';

/** The route honours an `Idempotency-Key` header (see IdempotencyInterceptor). */
export const Idempotent = () => SetMetadata(IDEMPOTENT_KEY, true);
