import { createHash } from 'node:crypto';

/** Connection settings of the machine's PostgreSQL; each test file gets its own database cloned from the template. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Named after the checkout, so several checkouts (worktrees) can run their suites side by side.
const checkout = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8);
export const TEMPLATE_DB = `mcm_tpl_${checkout}`;
/** Prefix of this checkout's per-file databases. */
export const TEST_DB_PREFIX = `mcm_t_${checkout}_`;

export const databaseUrl = (name: string): string => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
