import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS_CLIENT } from '../queue/queue.module';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'redis') {
    const indicator = this.health.check(key);
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end')
        await this.redis.connect().catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 1_000);
        }),
      ]).finally(() => clearTimeout(timer));
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected answer ${pong}` });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }
}
