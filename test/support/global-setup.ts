import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { CHECKOUT_DB_PREFIX, databaseUrl, PG_ADMIN_URL, TEMPLATE_DB, TEST_RUN_PID } from './test-env';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Drops the databases of this checkout's earlier runs that are over (interrupted ones leave theirs), and builds
 * this run's template database once, with every migration applied through the real CLI. A run still going (a
 * whole suite while one file is run on its own) keeps its databases.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const ours = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [CHECKOUT_DB_PREFIX],
    );
    for (const { datname } of ours.rows) {
      const run = Number(/^\d+/.exec(datname.slice(CHECKOUT_DB_PREFIX.length))?.[0]);
      if (run === TEST_RUN_PID || !Number.isInteger(run) || !isRunning(run)) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  execFileSync('npx', ['typeorm-ts-node-commonjs', '-d', 'src/database/data-source.ts', 'migration:run'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DB), TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
