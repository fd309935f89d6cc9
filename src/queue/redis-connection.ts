/** Connection settings that both ioredis and BullMQ accept. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: object;
  enableOfflineQueue?: boolean;
  maxRetriesPerRequest?: number | null;
  connectTimeout?: number;
  retryStrategy?: (times: number) => number;
}

function fromUrl(url: string): RedisConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * Producers (queues, health checks) fail fast when Redis is unreachable instead of hanging the request:
 * no offline queue, one retry per command. BullMQ's production guide.
 */
export const producerConnection = (url: string): RedisConnectionOptions => ({
  ...fromUrl(url),
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
});

/** Workers wait for Redis to come back: commands never give up (`maxRetriesPerRequest: null`). */
export const workerConnection = (url: string): RedisConnectionOptions => ({
  ...fromUrl(url),
  maxRetriesPerRequest: null,
  enableOfflineQueue: true,
  retryStrategy: (times: number) => Math.min(times * 200, 5_000),
});
