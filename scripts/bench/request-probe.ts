/**
 * Where a request's time goes, measured inside the service: loaded into it with
 * `BENCH_NODE_ARGS="--require ./dist/scripts/bench/request-probe.js" npm run bench -- search`.
 *
 * It times every HTTP request and every PostgreSQL round trip (pg's Client.query), and at exit writes, for the
 * last PROBE_LAST (1,000: those the bench measures) GET /api/v1/persons requests with a date of birth, the p50
 * and p99 of each kind of statement and of the rest (the service's own work), and the ten slowest requests
 * part by part with the garbage collection pauses that overlapped them, to PROBE_OUT (default
 * /tmp/request-probe.txt). The bench measures one request at a time, so a statement belongs to the request
 * whose span it falls in. A diagnostic only: never load it in production (it patches pg and http).
 */
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { Client } from 'pg';

type Span = { start: number; ms: number; label: string };
const requests: Span[] = [];
const statements: Span[] = [];
const collections: Span[] = []; // garbage collection pauses of the service's main thread
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, ms: e.duration, label: 'gc' });
}).observe({ entryTypes: ['gc'] });

const originalEmit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
  if (event === 'request') {
    const [req, res] = args as [{ url?: string }, { on(e: string, f: () => void): void }];
    const start = performance.now();
    res.on('finish', () => requests.push({ start, ms: performance.now() - start, label: req.url ?? '' }));
  }
  return originalEmit.apply(this, [event, ...args] as Parameters<typeof originalEmit>);
} as typeof Server.prototype.emit;

type QueryFn = (...args: unknown[]) => unknown;
const originalQuery = Client.prototype.query as unknown as QueryFn;
(Client.prototype as unknown as { query: QueryFn }).query = function (this: Client, ...args: unknown[]) {
  const start = performance.now();
  const config = args[0] as string | { text?: string } | undefined;
  const text = typeof config === 'string' ? config : (config?.text ?? '');
  const label = text.replace(/\s+/g, ' ').slice(0, 40);
  const done = () => statements.push({ start, ms: performance.now() - start, label });
  const callbackAt = args.findIndex((a) => typeof a === 'function');
  if (callbackAt >= 0) {
    const callback = args[callbackAt] as QueryFn;
    args[callbackAt] = (...cbArgs: unknown[]) => {
      done();
      return callback(...cbArgs);
    };
    return originalQuery.apply(this, args);
  }
  const result = originalQuery.apply(this, args) as Promise<unknown> | undefined;
  result?.then?.(done, done);
  return result;
};

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

function report(): string {
  // The last ones: those the bench measures (the cold and warm-up requests come first).
  const searches = requests
    .filter((r) => r.label.startsWith('/api/v1/persons?') && r.label.includes('dateOfBirth='))
    .slice(-Number(process.env.PROBE_LAST ?? 1000));
  const parts = new Map<string, number[]>();
  const own: number[] = [];
  const breakdowns: { ms: number; parts: string }[] = [];
  for (const r of searches) {
    const inside = statements.filter((s) => s.start >= r.start && s.start <= r.start + r.ms);
    for (const s of inside) parts.set(s.label, [...(parts.get(s.label) ?? []), s.ms]);
    const rest = r.ms - inside.reduce((sum, s) => sum + s.ms, 0);
    own.push(rest);
    const each = inside.map((s) => `${s.label.slice(0, 12).trim()} ${s.ms.toFixed(2)}`);
    const gc = collections
      .filter((g) => g.start + g.ms >= r.start && g.start <= r.start + r.ms)
      .reduce((sum, g) => sum + g.ms, 0);
    breakdowns.push({
      ms: r.ms,
      parts: [...each, `service ${rest.toFixed(2)}`, `gc ${gc.toFixed(2)}`].join(', '),
    });
  }
  const slowest = breakdowns.sort((a, b) => b.ms - a.ms).slice(0, 10);
  const line = (label: string, xs: number[]) =>
    `${label.padEnd(42)} n=${xs.length} p50=${percentile(xs, 0.5).toFixed(2)} ms p99=${percentile(xs, 0.99).toFixed(2)} ms`;
  return [
    line(
      'name + date of birth searches (server side)',
      searches.map((r) => r.ms),
    ),
    ...[...parts].map(([label, xs]) => line(label, xs)),
    line('the service itself (the rest)', own),
    'the ten slowest, part by part (ms):',
    ...slowest.map((b) => `  ${b.ms.toFixed(2)}: ${b.parts}`),
  ].join('\n');
}

process.once('exit', () => writeFileSync(process.env.PROBE_OUT ?? '/tmp/request-probe.txt', `${report()}\n`));
process.once('SIGTERM', () => process.exit(0));
