import { Agent, get } from 'node:http';
import { Client } from 'pg';
import { benchDatabaseUrl, printTable, RunningService, summarise } from './lib';
import { SEED_MARK } from './seed-persons';

const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 1000);

/**
 * Sample (name, date of birth) pairs of seeded persons, so every query has a true match to find. Rows are drawn
 * one by one (BERNOULLI), in a random order: the seed writes people who share a given and a first family name
 * next to each other, so sampled pages (SYSTEM) gave a few hundred copies of three or four fuzzy queries, and
 * the p99 depended on which names those happened to be. REPEATABLE draws the same seeded persons on every run.
 */
async function samplePeople(n: number): Promise<{ name: string; dob: string; fuzzy: string }[]> {
  const c = new Client({ connectionString: benchDatabaseUrl() });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT given_names, family_names, to_char(date_of_birth, 'YYYY-MM-DD') AS dob
       FROM persons TABLESAMPLE BERNOULLI (1) REPEATABLE (1) WHERE forwarding_address = $2
       ORDER BY md5(given_names || family_names || date_of_birth) LIMIT $1`,
      [n, SEED_MARK],
    );
    // Fuzzy queries drop accents and a letter of the family name: "Jose Perz" for "José Pérez".
    const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
    return rows.map((r) => {
      const family = strip(r.family_names.split(' ')[0]);
      return {
        name: `${r.given_names} ${r.family_names}`,
        dob: r.dob,
        fuzzy: `${strip(r.given_names.split(' ')[0])} ${family.slice(0, -2)}${family.slice(-1)}`,
      };
    });
  } finally {
    await c.end();
  }
}

// Node's http with keep-alive rather than fetch, whose own overhead (about 0.3 ms a request here) is not the service's.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function getStatus(url: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

async function timeRequests(url: string, token: string | undefined, paths: string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const path of paths) {
    const t0 = process.hrtime.bigint();
    const status = await getStatus(`${url}${path}`, token);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return latencies;
}

const timeQueries = (url: string, token: string, queries: string[]) =>
  timeRequests(
    url,
    token,
    queries.map((q) => `/api/v1/persons?${q}`),
  );

/**
 * The service is measured warm, as at an intake desk that has been searching all day: V8 compiles a request's
 * code path fully only after a few thousand requests (the first 300 answered in about twice the steady p99 here).
 * The first requests after the start are timed too, and shown as their own row.
 */
const WARM_UP = Number(process.env.BENCH_SEARCH_WARM_UP ?? 3000);

/** GET /api/v1/persons over the seeded population, one request at a time, measured at the client. */
export async function runSearchBench(service: RunningService, token: string, population: number) {
  const people = await samplePeople(SAMPLES + WARM_UP);
  const measured = people.slice(0, SAMPLES);
  const byNameAndDobPaths = (ps: typeof people) =>
    ps.map((p) => `q=${encodeURIComponent(p.name)}&dateOfBirth=${p.dob}`);
  const fuzzyPaths = (ps: typeof people) => ps.map((p) => `q=${encodeURIComponent(p.fuzzy)}`);

  // Cold: the first requests the service answers after its start (other persons than those measured below).
  const cold = summarise(
    await timeQueries(service.url, token, byNameAndDobPaths(people.slice(SAMPLES, SAMPLES * 2))),
  );
  // Warm-up on other persons than those measured, so that their rows are not the ones just read.
  const warmUp = people.slice(SAMPLES);
  await timeQueries(service.url, token, [...byNameAndDobPaths(warmUp), ...fuzzyPaths(warmUp)]);
  await timeRequests(service.url, undefined, Array(WARM_UP).fill('/health/live'));

  const byNameAndDob = summarise(await timeQueries(service.url, token, byNameAndDobPaths(measured)));
  const fuzzy = summarise(await timeQueries(service.url, token, fuzzyPaths(measured)));
  // The same client on an endpoint that does nothing: the floor any request pays on this machine.
  const floor = summarise(await timeRequests(service.url, undefined, Array(SAMPLES).fill('/health/live')));
  printTable(
    `GET /api/v1/persons over ${population.toLocaleString('en')} persons, 1 connection, HTTP round trip, ` +
      `after ${WARM_UP.toLocaleString('en')} requests of each kind`,
    [
      { query: 'name + date of birth', ...byNameAndDob, target: 'p99 < 5 ms' },
      { query: 'fuzzy name only', ...fuzzy, target: 'p99 < 100 ms' },
      { query: '(GET /health/live: the HTTP floor)', ...floor, target: '' },
      { query: '(name + date of birth, cold: the first requests after the start)', ...cold, target: '' },
    ],
  );
  return { byNameAndDob, fuzzy, floor, cold };
}
