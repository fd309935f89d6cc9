import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import { EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * Sends a statement on the transaction's connection at once, without waiting for the answers to the statements
 * sent before it (the pg clients run in pipeline mode, see typeorm-options.ts). A write that does not need the
 * answer of the one before it costs no round trip of its own: start several, then await them with `together`.
 *
 * Rules for callers:
 * - The statement is on its way when this returns. Statements run in the order of the calls, so a call that
 *   depends on an earlier row (a foreign key) comes after it, and a function that sends several statements sends
 *   them all before it first awaits anything.
 * - Only statements sent with `send` are ordered this way: a TypeORM query started and not yet awaited reaches
 *   the connection later (TypeORM awaits before it writes), so await those before sending.
 * - If one statement fails, every later one of the transaction fails with it and the transaction rolls back:
 *   nothing is half-written (`together` reports the first failure).
 *
 * Outside a transaction (a manager without a query runner, such as `dataSource.manager`) it is an ordinary query
 * on the pool. TypeORM's logger and entity subscribers do not see these statements.
 *
 * Each statement is prepared once per connection, named after its text: the statements of every request
 * (authentication, admission writes, audit entries) are then neither parsed nor planned again. A prepared
 * statement that a schema change made stale fails once on its connection, which then prepares it afresh.
 */
export async function send<T = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const runner = m.queryRunner as unknown as RunnerFields | undefined;
  if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  if (runner && !runner.isTransactionActive) return m.query(sql, params);
  const client = runner?.databaseConnection;
  if (runner && !client) throw new Error('send: the transaction has no connection');
  const query: QueryConfig = { name: statementName(sql, client), text: sql, values: params };
  try {
    // No await before this call: the statement is written before send returns (see above).
    const result = await (client ? sendCorked(client, query) : poolOf(m).query(query));
    return result.rows as T[];
  } catch (err) {
    if (client && STALE_STATEMENT.has((err as { code?: string }).code ?? ''))
      renamed.set(client, generation(client) + 1);
    throw new QueryFailedError(sql, params, err as Error);
  }
}

/**
 * Awaits statements sent together (see send), in the order given, which must be the order they were sent. If
 * some failed, the error is the first one's: the statements after it failed only because the transaction had
 * aborted ("current transaction is aborted"), and the first error is the one a caller can act on (a unique
 * violation, say), whichever answer happened to settle first.
 */
export async function together<T extends readonly unknown[]>(
  sent: [...T],
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

interface RunnerFields {
  isReleased: boolean;
  isTransactionActive: boolean;
  /** The runner's pg client, connected since the transaction began (TypeORM keeps the field protected). */
  databaseConnection?: PoolClient;
}

/** "prepared statement does not exist", "cached plan must not change result type". */
const STALE_STATEMENT = new Set(['26000', '0A000']);
/** Connections on which stale statements were met: their statements are prepared again under new names. */
const renamed = new WeakMap<PoolClient, number>();
const generation = (client: PoolClient): number => renamed.get(client) ?? 0;

const names = new Map<string, string>();
/** The statement texts are fixed, so they are few; past this many, statements are sent unprepared. */
const MAX_NAMES = 500;

function statementName(sql: string, client: PoolClient | undefined): string | undefined {
  let name = names.get(sql);
  if (name === undefined) {
    if (names.size >= MAX_NAMES) return undefined;
    name = `s_${createHash('sha1').update(sql).digest('hex')}`;
    names.set(sql, name);
  }
  const g = client ? generation(client) : 0;
  return g ? `${name}_${g}` : name;
}

const poolOf = (m: EntityManager): Pool => (m.connection.driver as unknown as { master: Pool }).master;

/** Statements sent in one go leave in one write: the socket is corked until the code that sends them has run. */
function sendCorked(client: PoolClient, query: QueryConfig): Promise<QueryResult> {
  const socket = (client as unknown as { connection?: { stream?: Partial<Writable> } }).connection?.stream;
  if (socket?.cork && socket.uncork) {
    socket.cork();
    process.nextTick(() => socket.uncork!());
  }
  return client.query(query);
}
