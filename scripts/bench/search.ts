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

async function timeQueries(url: string, token: string, queries: string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${url}/api/v1/persons?${q}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`search answered ${res.status}`);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return latencies;
}

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
  printTable(
    `GET /api/v1/persons over ${population.toLocaleString('en')} persons, 1 connection, HTTP round trip`,
    [
      { query: 'name + date of birth', ...byNameAndDob, target: 'p99 < 5 ms' },
      { query: 'fuzzy name only', ...fuzzy, target: 'p99 < 100 ms' },
    ],
  );
  return { byNameAndDob, fuzzy };
}
