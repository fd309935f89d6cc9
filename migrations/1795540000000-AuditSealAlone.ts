import { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS = `repeat('0', 64)`;
const SEAL = (prev: string, seq: string, content: string) =>
  `encode(sha256(convert_to(${prev} || ':' || ${seq}::text || ':' || ${content}, 'UTF8')), 'hex')`;

/**
 * An entry recorded on its own (a read's, a refusal's, a login's) is sealed as it is inserted, not at commit.
 * Its transaction is that one statement, so the chain head is held for about as long as by the seal at commit
 * (from the insert to that statement's commit), and the entry is written once: the seal at commit rewrites the
 * entry it seals (a second row version and new entries in every index of audit_events), which was half the
 * cost of a read's audit entry.
 *
 * `audit_append_sealed(...)` inserts such an entry. While it runs, `audit.seal_at_insert` is on (the function's
 * own SET clause, restored as it returns), and the arrival trigger gives the entry its place itself: it locks
 * the chain head, takes the next seq and the head's hash, seals by the same formula as at commit (so the
 * verifier's rules do not change) and moves the head. The head is locked with SELECT ... FOR UPDATE and moved
 * with one UPDATE, rather than the seal at commit's upsert, so an entry writes one head version, not two. An
 * entry that arrives with its chain fields set is still refused, so however the setting came to be on, the
 * database alone decides an entry's place. The trigger that seals at commit fires only for entries still
 * unsealed (its WHEN is checked as the row is inserted, after the arrival trigger).
 *
 * The entry must be its transaction's first write, and nothing audited may follow it there: a head held until
 * a longer transaction commits would queue the centre's other writes, and a transaction holding one head while
 * it waits for another deadlocks with a seal at commit taking the same two in the other order. The trigger
 * refuses both (a programming error, never a user's). "First write" is read as "no transaction id yet": nothing
 * before this trigger may assign one (a sequence-backed column or an earlier trigger that writes would), or
 * the guard would refuse entries now and then. It cannot see unaudited work after the entry in the same
 * transaction: only AuditService.recordAlone, on a pool connection of its own, calls the function.
 */
export class AuditSealAlone1795540000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // The name stays: entries still arrive unsealed unless audit_append_sealed seals them on arrival.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_arrive_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head_seq bigint;
        head_hash character(64);
      BEGIN
        IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
          RAISE EXCEPTION 'audit_events: seq, prev_hash and hash are set by the database'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF current_setting('audit.seal_at_insert', true) = 'on' THEN
          IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
            RAISE EXCEPTION 'audit_events: an entry sealed at insert must be its transaction''s first write'
              USING ERRCODE = 'invalid_transaction_state';
          END IF;
          PERFORM set_config('audit.sealed_at_insert', 'yes', true);
          SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
          IF NOT FOUND THEN
            -- The chain's first entry. A concurrent first entry makes the same row: this waits for it, and the
            -- second SELECT (a statement of its own, with a fresh snapshot) then finds it.
            INSERT INTO audit_chain_heads (chain) VALUES (NEW.chain) ON CONFLICT (chain) DO NOTHING;
            SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
          END IF;
          NEW.seq := head_seq + 1;
          NEW.prev_hash := coalesce(head_hash, ${GENESIS});
          NEW.hash := ${SEAL('NEW.prev_hash', 'NEW.seq', 'NEW.content_hash')};
          UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
          RETURN NEW;
        END IF;
        IF current_setting('audit.sealed_at_insert', true) = 'yes' THEN
          RAISE EXCEPTION 'audit_events: no entry may follow one sealed at insert in its transaction'
            USING ERRCODE = 'invalid_transaction_state';
        END IF;
        PERFORM set_config('audit.unsealed',
                           coalesce(current_setting('audit.unsealed', true), '') || NEW.id::text || ',', true);
        RETURN NEW;
      END $$`);

    await q.query(`
      CREATE FUNCTION audit_append_sealed(p_chain text, p_occurred_at timestamptz, p_actor_id uuid,
                                          p_actor_role text, p_centre_id uuid, p_action text, p_entity_type text,
                                          p_entity_id text, p_request_id text, p_outcome text, p_details jsonb,
                                          p_content_hash character)
      RETURNS void LANGUAGE plpgsql SET audit.seal_at_insert = 'on' AS $$
      BEGIN
        INSERT INTO audit_events (chain, occurred_at, actor_id, actor_role, centre_id, action, entity_type,
                                  entity_id, request_id, outcome, details, content_hash)
        VALUES (p_chain, p_occurred_at, p_actor_id, p_actor_role, p_centre_id, p_action, p_entity_type,
                p_entity_id, p_request_id, p_outcome, p_details, p_content_hash);
      END $$`);

    await q.query(`DROP TRIGGER audit_events_seal ON audit_events`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_events_seal AFTER INSERT ON audit_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION audit_events_seal()`);
  }

  /**
   * Entries sealed at insert follow the same formula as those sealed at commit, so reverting loses nothing. The
   * application's `recordAlone` calls audit_append_sealed: put the code of before this migration back first.
   */
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
