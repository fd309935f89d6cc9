import { execFileSync, spawnSync } from 'node:child_process';

const HOST = ['-h', '127.0.0.1', '-p', '6379'];

export const redisUp = (): boolean =>
  spawnSync('redis-cli', [...HOST, 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';

async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`redis never ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops the machine's real Redis (every process using it is affected: run such tests alone). */
export async function stopRedis(): Promise<void> {
  spawnSync('redis-cli', [...HOST, 'shutdown', 'nosave']);
  await waitFor(() => !redisUp(), 'stopped');
}

/** Starts it the way .ci/run does; a no-op when it is already up. */
export async function startRedis(): Promise<void> {
  if (redisUp()) return;
  execFileSync('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await waitFor(redisUp, 'started');
}
