import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DOCUMENTS_QUEUE } from '../../src/documents/jobs/render-document.job';
import { workerConnection } from '../../src/queue/redis-connection';

/** Shared pieces of the benchmarks: a bench database, the built service as a child process, percentiles. */

export const ROOT = join(__dirname, '..', '..');
export const BENCH_DB = process.env.BENCH_DB ?? 'mcm_bench';
export const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3900);
export const BENCH_ADMIN = { email: 'bench-admin@example.org', password: 'bench-admin-password-1234' };

export function benchDatabaseUrl(): string {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
}

export async function ensureBenchDatabase(): Promise<void> {
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
    if (!rowCount) await c.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await c.end();
  }
}

/** Queue prefix of the admissions and search runs, whose service renders nothing (RUN_WORKERS=false). */
export const BENCH_QUEUE_PREFIX = 'bench';

/**
 * Drops every job under a bench prefix. The admissions run queues thousands of admission records that no worker
 * renders; left in Redis they would pile up run after run, and a worker on that prefix would have to get through
 * them before anything it is timed on.
 */
export async function emptyBenchQueue(prefix: string): Promise<void> {
  const queue = new Queue(DOCUMENTS_QUEUE, {
    prefix,
    connection: workerConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
  });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

export interface RunningService {
  url: string;
  /** CPU time (user + system) the service process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Linux clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux this runs on). */
const CLOCK_TICKS = 100;

/** CPU time (user + system) used so far by a process, in ms; 0 once it has exited. */
export function processCpuMs(pid: number): number {
  try {
    // The fields after the command name (which may hold spaces) start at state: utime is 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU time used so far by PostgreSQL for the bench database, in ms, per process: its connections' backends and
 * the server's own processes (WAL writer, checkpointer...), not the backends of other databases (a test run's).
 */
export function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      // A backend's title: "postgres: [<cluster name>: ]<user> <database> <client address>(<port>) <state>".
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const backendOf = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title)?.[1];
      if (backendOf === undefined || backendOf === BENCH_DB)
        byPid.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // the process exited meanwhile
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU time since `before` (a postgresCpu() reading), in ms. Counted process by process: a total
 * would drop by everything a backend ever used when it exits (the service's idle connections closing during a
 * baseline run made it negative). What a backend used between `before` and its exit is not counted.
 */
export function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Starts the built service (dist/) on the bench database; migrations and first-run setup included. */
export async function startService(env: Record<string, string> = {}): Promise<RunningService> {
  // Otherwise whatever already listens there would answer, and be measured instead of this build.
  await assertPortFree(BENCH_PORT);
  // BENCH_NODE_ARGS profiles the service under load, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  // The young generation's size as `npm run start:prod` sets it, then BENCH_NODE_ARGS.
  const nodeArgs = [
    '--max-semi-space-size=64',
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(BENCH_PORT),
      DATABASE_URL: benchDatabaseUrl(),
      DATABASE_POOL_SIZE: '20',
      QUEUE_PREFIX: BENCH_QUEUE_PREFIX,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${BENCH_PORT}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok && child.exitCode === null) {
      return {
        url,
        cpuMs: () => processCpuMs(child.pid!),
        stop: () =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('service did not become ready within 60 s');
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', () =>
        reject(new Error(`port ${port} is already in use: stop what listens there, or set BENCH_PORT`)),
      )
      .listen(port, () => probe.close(() => resolve()));
  });
}

export async function login(url: string, credentials = BENCH_ADMIN): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`bench login failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export function summarise(samplesMs: number[]): { n: number; p50: number; p99: number; mean: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), mean: round(mean) };
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function printTable(title: string, rows: Record<string, unknown>[]): void {
  process.stdout.write(`\n## ${title}\n`);
  console.table(rows); // eslint-disable-line no-console
}

async function postJson(url: string, token: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** A shelter with room for any benchmark; `code` must be unique. */
export async function createBenchCentre(
  url: string,
  adminToken: string,
  code: string,
  name: string,
): Promise<string> {
  const centre = await postJson(`${url}/api/v1/centres`, adminToken, {
    code,
    name,
    country: 'MX',
    regime: 'shelter',
    capacity: 100000,
    timeZone: 'America/Mexico_City',
  });
  return centre.id;
}

/** An intake officer of one centre (the role that admits and asks for documents), logged in. */
export async function createBenchOfficer(
  url: string,
  adminToken: string,
  centreId: string,
): Promise<{ id: string; token: string }> {
  const email = `bench-officer-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const password = 'bench-officer-password-1234';
  const { id } = await postJson(`${url}/api/v1/users`, adminToken, {
    email,
    password,
    displayName: 'Bench officer',
    roles: ['intake_officer'],
    centreIds: [centreId],
  });
  return { id, token: await login(url, { email, password }) };
}
