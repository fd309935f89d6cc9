import { Client } from 'pg';
import { databaseConfig } from '../src/config/database.config';

/**
 * Quick start on a fresh machine: creates the database named in DATABASE_URL when it does not exist yet
 * (through the server's `postgres` maintenance database). Migrations then run when the service starts.
 */
async function main(): Promise<void> {
  const target = new URL(databaseConfig().url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name))
    throw new Error(`DATABASE_URL names an unusual database "${name}"; create it yourself`);
  const maintenance = new URL(target.toString());
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`);
      process.stdout.write(`Created database ${name}\n`);
    }
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  process.stderr.write(`Could not make sure the database exists: ${(e as Error).message}\n`);
  process.exit(1);
});
