import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DefaultJobOptions, Queue } from 'bullmq';
import { redisConfig, RedisConfig } from '../config/redis.config';
import { producerConnection } from '../queue/redis-connection';

/**
 * The producer side of every queue fed by the outbox. A module registers its queue with the job defaults it
 * wants (attempts, backoff, retention); the dispatcher only moves rows of queues registered in this process.
 */
@Injectable()
export class OutboxQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxQueues.name);
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(redisConfig.KEY) private readonly redis: RedisConfig) {}

  register(name: string, defaultJobOptions: DefaultJobOptions): Queue {
    const existing = this.queues.get(name);
    if (existing) return existing;
    const queue = new Queue(name, {
      connection: producerConnection(this.redis.url),
      prefix: this.redis.queuePrefix,
      defaultJobOptions,
    });
    // Without a listener an unreachable Redis would surface as unhandled 'error' events; the outbox retries.
    queue.on('error', (err) => this.logger.debug(`queue ${name}: ${err.message}`));
    this.queues.set(name, queue);
    return queue;
  }

  get(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  names(): string[] {
    return [...this.queues.keys()];
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for Redis; when it is unreachable, give up after a moment and drop the connections.
    await Promise.all(
      [...this.queues.values()].map((q) =>
        Promise.race([
          q.close().catch(() => undefined),
          new Promise<void>((resolve) =>
            setTimeout(() => {
              void q.disconnect().catch(() => undefined);
              resolve();
            }, 2_000).unref(),
          ),
        ]),
      ),
    );
    this.queues.clear();
  }
}
