import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { benchDatabaseUrl } from './lib';

const BATCH = 50_000;
export const SEED_MARK = 'bench-seed';

interface NamesFile {
  latin: Record<string, { given: string[]; family: string[] }>;
}

/**
 * Seeds persons for the search benchmark, resumably: it counts what an earlier run left and adds the rest, one
 * committed batch at a time. Names come from test/data/names.json (given × family × family per country),
 * dates of birth spread over 1950-2010. Rows are marked (forwarding_address) so they can be told apart.
 */
export async function seedPersons(target = Number(process.env.BENCH_PERSONS ?? 1_000_000)): Promise<number> {
  const names = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'test', 'data', 'names.json'), 'utf8'),
  ) as NamesFile;
  const rows = Object.entries(names.latin).flatMap(([country, n]) =>
    n.given.flatMap((g) => n.family.flatMap((f1) => n.family.map((f2) => [g, `${f1} ${f2}`, country]))),
  );
  const c = new Client({ connectionString: benchDatabaseUrl() });
  await c.connect();
  try {
    await c.query(`CREATE TEMP TABLE seed_names (rn int PRIMARY KEY, given text, family text, country text)`);
    await c.query(
      `INSERT INTO seed_names SELECT row_number() OVER () - 1, * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
    const n = rows.length;
    let have = Number(
      (await c.query(`SELECT count(*) FROM persons WHERE forwarding_address = $1`, [SEED_MARK])).rows[0]
        .count,
    );
    const started = Date.now();
    while (have < target) {
      const size = Math.min(BATCH, target - have);
      await c.query(
        `INSERT INTO persons (given_names, family_names, sex, date_of_birth, nationalities, forwarding_address, version)
         SELECT s.given, s.family, (ARRAY['F','M'])[1 + i % 2]::person_sex,
                date '1950-01-01' + ((i * 7919) % 21900)::int, ARRAY[s.country]::char(2)[], $3, 1
         FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS i
         JOIN seed_names s ON s.rn = i % $4`,
        [have, size, SEED_MARK, n],
      );
      have += size;
      process.stdout.write(
        `  seeded ${have} / ${target} persons (${Math.round((Date.now() - started) / 1000)} s)\n`,
      );
    }
    // VACUUM as well as ANALYZE: with autovacuum off (as on this machine's PostgreSQL) the visibility map of the
    // freshly written rows would stay unset, and the search's index scans visit the heap for every candidate.
    await c.query('VACUUM (ANALYZE) persons, stays');
    return have;
  } finally {
    await c.end();
  }
}

if (require.main === module) {
  seedPersons().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
