import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './validate-env';

class OutboxEnv {
  /** How often each process looks for undispatched outbox rows (a commit also wakes it at once). */
  @IsInt()
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_MS: number = 300;

  @IsInt()
  @Min(1)
  @Max(1_000)
  OUTBOX_BATCH_SIZE: number = 100;

  /** Dispatched rows are kept this long for inspection, then deleted. */
  @IsInt()
  @Min(0)
  @Max(24 * 30)
  OUTBOX_RETENTION_HOURS: number = 24;
}

export const outboxConfig = registerAs('outbox', () => {
  const env = validateEnv(OutboxEnv);
  return {
    pollMs: env.OUTBOX_POLL_MS,
    batchSize: env.OUTBOX_BATCH_SIZE,
    retentionHours: env.OUTBOX_RETENTION_HOURS,
  };
});
export type OutboxConfig = ReturnType<typeof outboxConfig>;
