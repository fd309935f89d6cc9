import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { redisConfig, RedisConfig } from '../config/redis.config';
import { producerConnection } from '../queue/redis-connection';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Where login attempts are counted: in Redis, so that every API instance counts the same attempts (the API is
 * stateless and scales out; an in-process count would let each instance grant the full allowance). While
 * Redis cannot be reached, each instance counts on its own instead of refusing every login: the limit still
 * holds per instance, and logins do not depend on Redis.
 */
@Injectable()
export class LoginThrottleStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LoginThrottleStorage.name);
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private sharedDown = false;

  constructor(@Inject(redisConfig.KEY) config: RedisConfig) {
    this.redis = new Redis({
      ...producerConnection(config.url),
      keyPrefix: `${config.queuePrefix}:login-throttle:`,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined); // reported once per outage by increment(), not per retry
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  onModuleInit(): void {
    this.redis.connect().catch(() => undefined); // reconnects by itself; until then the local count applies
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.sharedDown) this.logger.log('login attempts are counted in Redis again');
      this.sharedDown = false;
      return record;
    } catch (err) {
      if (!this.sharedDown) {
        this.logger.warn(`Redis unavailable, login attempts counted per instance: ${(err as Error).message}`);
      }
      this.sharedDown = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}
