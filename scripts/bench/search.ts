import { Agent, get } from 'node:http';
import { Client } from 'pg';
import { benchDatabaseUrl, printTable, RunningService, summarise } from './lib';

const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 300);

/** Sample (name, date of birth) pairs of seeded persons, so every query has a true match to find. */
async function samplePeople(n: number): Promise<{ name: string; dob: string; fuzzy: string }[]> {
  const c = new Client({ connectionString: benchDatabaseUrl() });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT given_names, family_names, to_char(date_of_birth, 'YYYY-MM-DD') AS dob
       FROM persons TABLESAMPLE SYSTEM (1) WHERE date_of_birth IS NOT NULL LIMIT $1`,
      [n],
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

/** GET /api/v1/persons over the seeded population, one request at a time, measured at the client. */
export async function runSearchBench(service: RunningService, token: string, population: number) {
  const people = await samplePeople(SAMPLES);
  // Warm-up: the first queries pay for cold caches.
  await timeQueries(
    service.url,
    token,
    people.slice(0, 20).map((p) => `q=${encodeURIComponent(p.name)}`),
  );
  const byNameAndDob = summarise(
    await timeQueries(
      service.url,
      token,
      people.map((p) => `q=${encodeURIComponent(p.name)}&dateOfBirth=${p.dob}`),
    ),
  );
  const fuzzy = summarise(
    await timeQueries(
      service.url,
      token,
      people.map((p) => `q=${encodeURIComponent(p.fuzzy)}`),
    ),
  );
  // The same client on an endpoint that does nothing: the floor any request pays on this machine.
  const floor = summarise(await timeRequests(service.url, undefined, Array(SAMPLES).fill('/health/live')));
  printTable(
    `GET /api/v1/persons over ${population.toLocaleString('en')} persons, 1 connection, HTTP round trip`,
    [
      { query: 'name + date of birth', ...byNameAndDob, target: 'p99 < 5 ms' },
      { query: 'fuzzy name only', ...fuzzy, target: 'p99 < 100 ms' },
      { query: '(GET /health/live: the HTTP floor)', ...floor, target: '' },
    ],
  );
  return { byNameAndDob, fuzzy, floor };
}
