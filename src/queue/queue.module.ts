import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisConfig, RedisConfig } from '../config/redis.config';
import { producerConnection } from './redis-connection';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** BullMQ's shared connection settings, and one small Redis client for health checks and counters. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (config: RedisConfig) => ({
        connection: producerConnection(config.url),
        prefix: config.queuePrefix,
      }),
    }),
  ],
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [redisConfig.KEY],
      useFactory: (config: RedisConfig) =>
        new Redis({ ...producerConnection(config.url), lazyConnect: true }),
    },
  ],
  exports: [REDIS_CLIENT],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
