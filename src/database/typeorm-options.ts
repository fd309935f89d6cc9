import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { databaseConfig } from '../config/database.config';
import { WORD_SIMILARITY_THRESHOLD } from '../persons/name-similarity';

const root = join(__dirname, '..', '..');
const POOL_WAIT_MS = 10_000;
/** What pg-pool rejects with when no connection became free within POOL_WAIT_MS. */
export const POOL_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

/** One definition of the connection, shared by the application, the migration CLI and the scripts. */
export function typeormOptions(
  url = databaseConfig().url,
  poolSize = databaseConfig().poolSize,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Sessions in UTC whatever the server's setting: a time without a zone (an audit filter, a report bound)
    // means the same instant on every installation. And the name similarity person search relies on.
    // Pipeline mode: a statement is sent without waiting for the answer to the one before, when the code does
    // not wait either (common/persistence/pipeline.ts); code that awaits each statement behaves as without it.
    // A request that waits this long for a free connection fails (503) instead of waiting for ever: a pool
    // starved by a bug or a burst recovers once the burst passes.
    extra: {
      max: poolSize,
      connectionTimeoutMillis: POOL_WAIT_MS,
      pipeline: true,
      options: `-c TimeZone=UTC -c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}`,
    },
  };
}
