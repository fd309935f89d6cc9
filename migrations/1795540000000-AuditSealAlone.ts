import { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS = `repeat('0', 64)`;
const SEAL = (prev: string, seq: string, content: string) =>
  `encode(sha256(convert_to(${prev} || ':' || ${seq}::text || ':' || ${content}, 'UTF8')), 'hex')`;

/**
 * An entry recorded on its own (a read's, a refusal's, a login's) is sealed as it is inserted, not at commit.
 * Its transaction is that one statement, so the chain head is held exactly as long as by the seal at commit,
 * and the entry is written once: the seal at commit rewrites the entry it seals (a second row version and new
 * entries in every index of audit_events), which was half the cost of a read's audit entry.
 *
 * `audit_append_sealed(...)` inserts such an entry. While it runs, `audit.seal_at_insert` is on (the function's
 * own SET clause, restored as it returns), and the arrival trigger gives the entry its place itself: it locks
 * the chain head, takes the next seq and the head's hash, seals by the same formula as at commit (so the
 * verifier's rules do not change) and moves the head. An entry that arrives with its chain fields set is still
 * refused, so however the setting came to be on, the database alone decides an entry's place. The trigger that
 * seals at commit fires only for entries still unsealed (its WHEN is checked as the row is inserted).
 *
 * Written inside a longer transaction, such an entry would hold its chain head until that commit, queueing the
 * centre's other writes: the application calls the function only for an entry that is its own transaction.
 */
export class AuditSealAlone1795540000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_arrive_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head_seq bigint;
        head_hash character(64);
      BEGIN
        IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
          RAISE EXCEPTION 'audit_events: seq, prev_hash and hash are set by the database at commit'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF current_setting('audit.seal_at_insert', true) = 'on' THEN
          SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
          IF NOT FOUND THEN
            -- The chain's first entry; a concurrent first entry makes the same row, and this waits for it.
            INSERT INTO audit_chain_heads (chain) VALUES (NEW.chain) ON CONFLICT (chain) DO NOTHING;
            SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
          END IF;
          NEW.seq := head_seq + 1;
          NEW.prev_hash := coalesce(head_hash, ${GENESIS});
          NEW.hash := ${SEAL('NEW.prev_hash', 'NEW.seq', 'NEW.content_hash')};
          UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
          RETURN NEW;
        END IF;
        PERFORM set_config('audit.unsealed',
                           coalesce(current_setting('audit.unsealed', true), '') || NEW.id::text || ',', true);
        RETURN NEW;
      END $$`);

    await q.query(`
      CREATE FUNCTION audit_append_sealed(chain text, occurred_at timestamptz, actor_id uuid, actor_role text,
                                          centre_id uuid, action text, entity_type text, entity_id text,
                                          request_id text, outcome text, details jsonb, content_hash character)
      RETURNS void LANGUAGE plpgsql SET audit.seal_at_insert = 'on' AS $$
      BEGIN
        INSERT INTO audit_events (chain, occurred_at, actor_id, actor_role, centre_id, action, entity_type,
                                  entity_id, request_id, outcome, details, content_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12);
      END $$`);

    await q.query(`DROP TRIGGER audit_events_seal ON audit_events`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_events_seal AFTER INSERT ON audit_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION audit_events_seal()`);
  }

  /** Entries sealed at insert follow the same formula as those sealed at commit, so reverting is safe. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_seal ON audit_events`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_events_seal AFTER INSERT ON audit_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_events_seal()`);
    await q.query(
      `DROP FUNCTION audit_append_sealed(text, timestamptz, uuid, text, uuid, text, text, text, text, text, jsonb, character)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_arrive_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
          RAISE EXCEPTION 'audit_events: seq, prev_hash and hash are set by the database at commit'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('audit.unsealed',
                           coalesce(current_setting('audit.unsealed', true), '') || NEW.id::text || ',', true);
        RETURN NEW;
      END $$`);
  }
}
