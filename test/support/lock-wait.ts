import { DataSource } from 'typeorm';

/** Resolves once some session of this test database waits for a lock; false if none did within `timeoutMs`. */
export async function someoneWaitsForALock(db: DataSource, timeoutMs = 2000): Promise<boolean> {
  const waiting = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    )[0].n > 0;
  for (const until = Date.now() + timeoutMs; Date.now() < until;) {
    if (await waiting()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return waiting();
}
