import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL, TEMPLATE_DB, TEST_DB_PREFIX } from './test-env';

/** Builds the template database once per run, with every migration applied through the real CLI. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    // Databases of earlier, interrupted runs.
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
      TEST_DB_PREFIX,
    ]);
    for (const { datname } of stale.rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  execFileSync('npx', ['typeorm-ts-node-commonjs', '-d', 'src/database/data-source.ts', 'migration:run'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DB), TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
