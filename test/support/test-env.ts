import { createHash } from 'node:crypto';

/** Connection settings of the machine's PostgreSQL; each test file gets its own database cloned from the template. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Named after the checkout, so several checkouts (worktrees) can run their suites side by side.
const checkout = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8);
// And after the jest run (its main process, whose id the workers inherit), so that two runs in one checkout (a
// whole suite and one file) do not drop each other's databases.
process.env.MCM_TEST_RUN ??= String(process.pid);
export const TEST_RUN_PID = Number(process.env.MCM_TEST_RUN);
/** Prefix of every database of this checkout's runs, followed by `<run>_`. */
export const CHECKOUT_DB_PREFIX = `mcm_t_${checkout}_`;
export const TEMPLATE_DB = `${CHECKOUT_DB_PREFIX}${TEST_RUN_PID}_tpl`;
/** Prefix of this run's per-file databases. */
export const TEST_DB_PREFIX = `${CHECKOUT_DB_PREFIX}${TEST_RUN_PID}_`;

export const databaseUrl = (name: string): string => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
