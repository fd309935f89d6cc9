import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { withTimeout } from '../common/async/with-timeout';
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
      const pong = await withTimeout(this.redis.ping(), 1_000, 'timeout');
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected answer ${pong}` });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }
}
