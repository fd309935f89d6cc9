import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * Sends a statement on the transaction's connection at once, without waiting for the answers to the statements
 * sent before it (the pg clients run in pipeline mode, see typeorm-options.ts). A write that does not need the
 * answer of the one before it costs no round trip of its own: start several, then await them with `together`.
 *
 * The statements run in the order of the calls, so a call that depends on an earlier row (a foreign key) comes
 * after it; a function that sends several statements sends them all before it first awaits. If one fails, every
 * later statement of the transaction fails with it and the transaction rolls back: nothing is half-written.
 * Outside a transaction it is an ordinary query on the pool.
 *
 * Each statement is prepared once per connection (named after its text): the hot statements of every request
 * (authentication, admission, audit entries) are then neither parsed nor planned again, which is about a fifth
 * of the database's work for an admission. The texts are fixed, so the names are few.
 */
export function send<T = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const query: QueryConfig = { name: statementName(sql), text: sql, values: params };
  const client = transactionClient(m);
  const answer: Promise<QueryResult> = client ? sendCorked(client, query) : poolOf(m).query(query);
  return answer.then(
    (result) => result.rows as T[],
    (err: Error) => {
      throw new QueryFailedError(sql, params, err);
    },
  );
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

const names = new Map<string, string>();
const MAX_NAMES = 1000;

function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(sql).digest('hex')}`;
    if (names.size < MAX_NAMES) names.set(sql, name);
  }
  return name;
}

/**
 * The pg client of the manager's transaction, connected since the transaction began (TypeORM keeps the field
 * protected; its own query() reaches it only after an await, which would let later statements overtake).
 */
function transactionClient(m: EntityManager): PoolClient | undefined {
  const runner = m.queryRunner as unknown as
    { isTransactionActive: boolean; databaseConnection?: PoolClient } | undefined;
  return runner?.isTransactionActive ? runner.databaseConnection : undefined;
}

const poolOf = (m: EntityManager): Pool => (m.connection.driver as unknown as { master: Pool }).master;

/** Statements sent in one go leave in one write: the socket is corked until the code that sends them has run. */
function sendCorked(client: PoolClient, query: QueryConfig): Promise<QueryResult> {
  const socket = (client as unknown as { connection: { stream: Writable } }).connection.stream;
  socket.cork();
  process.nextTick(() => socket.uncork());
  return client.query(query);
}
