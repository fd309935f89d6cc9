import { Client } from 'pg';
import { PG_ADMIN_URL, TEST_DB_PREFIX } from './test-env';

/** Drops this run's template and whatever per-file database a test left behind. */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const left = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [TEST_DB_PREFIX],
    );
    for (const { datname } of left.rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
