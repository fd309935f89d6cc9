import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database seals audit entries as their transaction commits, instead of the application chaining them as
 * it writes. The application inserts an entry with the hash of its content (`content_hash`); a deferred
 * constraint trigger gives it its place in the centre's chain (seq), the previous entry's hash and its own hash
 * (`sha256(prev_hash || ':' || seq || ':' || content_hash)`, see src/audit/audit-chain.ts). The chain head is
 * therefore locked for the few microseconds of the commit, not from the first audited write to the commit
 * across client round trips, which queued every write of a centre behind the slowest open transaction.
 *
 * Entries written before this migration keep their application-computed hash (`content_hash` NULL); the
 * verifier checks each kind by its own rule.
 */
export class AuditSealAtCommit1795437000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" ADD "content_hash" character(64)`);
    await q.query(
      `ALTER TABLE "audit_events" ALTER COLUMN "seq" DROP NOT NULL, ALTER COLUMN "prev_hash" DROP NOT NULL,
       ALTER COLUMN "hash" DROP NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "CHK_audit_events_hashed"
       CHECK (content_hash IS NOT NULL OR hash IS NOT NULL)`,
    );
    // Entries arrive unsealed (the chain fields are the database's to set), and the transaction notes them in a
    // transaction-local setting, so the seal finds them by primary key. (Searching for "hash IS NULL" instead
    // would wade through every not-yet-vacuumed unsealed version; a savepoint rolled back takes its notes back
    // with its rows.)
    await q.query(`
      CREATE FUNCTION audit_events_arrive_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
          RAISE EXCEPTION 'audit_events: seq, prev_hash and hash are set by the database at commit'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('audit.unsealed',
                           coalesce(current_setting('audit.unsealed', true), '') || NEW.id::text || ',', true);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_arrive_unsealed BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_arrive_unsealed()`);

    // Still append-only; the one update allowed is the seal itself: from inside the sealing trigger, on an
    // unsealed entry, changing nothing but the chain fields, to a hash that follows from them.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.hash IS NULL
           AND NEW.hash = encode(sha256(convert_to(NEW.prev_hash || ':' || NEW.seq::text || ':' || NEW.content_hash, 'UTF8')), 'hex')
           AND to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    // At commit: every entry this transaction appended (the row the trigger fires for, which is the earliest
    // not yet sealed since deferred firings come in the order written, then the noted ones; so a lost note
    // cannot leave an entry unsealed) takes the next place in its chain, chain by chain in one fixed order (two
    // transactions writing to the same chains never wait for each other in opposite orders) and in the order
    // written. Each chain head is locked and moved once. The first firing seals them all; later firings of the
    // same commit find their row sealed already.
    await q.query(`
      CREATE FUNCTION audit_events_seal() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        noted uuid[] := string_to_array(rtrim(coalesce(current_setting('audit.unsealed', true), ''), ','), ',')::uuid[];
        e record;
        chain_now text;
        seq_now bigint;
        hash_now character(64);
        sealed character(64);
      BEGIN
        PERFORM set_config('audit.unsealed', '', true);
        FOR e IN SELECT a.id, a.chain, a.content_hash
                 FROM (SELECT id, min(ord) AS ord FROM unnest(NEW.id || noted) WITH ORDINALITY AS n(id, ord)
                       GROUP BY id) n
                 JOIN audit_events a ON a.id = n.id
                 WHERE a.hash IS NULL
                 ORDER BY a.chain, n.ord LOOP
          IF chain_now IS DISTINCT FROM e.chain THEN
            IF chain_now IS NOT NULL THEN
              UPDATE audit_chain_heads SET seq = seq_now, hash = hash_now WHERE chain = chain_now;
            END IF;
            INSERT INTO audit_chain_heads (chain) VALUES (e.chain)
            ON CONFLICT (chain) DO UPDATE SET chain = EXCLUDED.chain
            RETURNING seq, hash INTO seq_now, hash_now;
            hash_now := coalesce(hash_now, repeat('0', 64));
            chain_now := e.chain;
          END IF;
          seq_now := seq_now + 1;
          sealed := encode(sha256(convert_to(hash_now || ':' || seq_now::text || ':' || e.content_hash, 'UTF8')), 'hex');
          UPDATE audit_events SET seq = seq_now, prev_hash = hash_now, hash = sealed WHERE id = e.id;
          hash_now := sealed;
        END LOOP;
        IF chain_now IS NOT NULL THEN
          UPDATE audit_chain_heads SET seq = seq_now, hash = hash_now WHERE chain = chain_now;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_events_seal AFTER INSERT ON audit_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_events_seal()`);
  }

  /**
   * Back to chaining in the application. Refused once the database has sealed entries: without `content_hash`
   * they could never be verified again.
   */
  async down(q: QueryRunner): Promise<void> {
    const [{ sealed }]: { sealed: boolean }[] = await q.query(
      `SELECT EXISTS (SELECT 1 FROM audit_events WHERE content_hash IS NOT NULL) AS sealed`,
    );
    if (sealed) {
      throw new Error(
        'AuditSealAtCommit cannot be reverted: audit entries sealed by the database exist and would no longer verify',
      );
    }
    await q.query(`DROP TRIGGER audit_events_seal ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_seal()`);
    await q.query(`DROP TRIGGER audit_events_arrive_unsealed ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_arrive_unsealed()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "CHK_audit_events_hashed"`);
    await q.query(
      `ALTER TABLE "audit_events" ALTER COLUMN "seq" SET NOT NULL, ALTER COLUMN "prev_hash" SET NOT NULL,
       ALTER COLUMN "hash" SET NOT NULL`,
    );
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "content_hash"`);
  }
}
