import { registerAs } from '@nestjs/config';
import { IsString, Matches } from 'class-validator';
import { validateEnv } from './validate-env';

class RedisEnv {
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Key prefix for every queue, so several deployments (or test files) can share one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX: string = 'mcm';
}

export const redisConfig = registerAs('redis', () => {
  const env = validateEnv(RedisEnv);
  return { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX };
});
export type RedisConfig = ReturnType<typeof redisConfig>;
