import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the first request with an Idempotency-Key failed in a way that may have come after its write committed
 * (a 5xx: the answer could not be stored, a read-back after the commit timed out), its key is kept, marked
 * failed, instead of being freed: a retry then answers 409 IDEMPOTENCY_OUTCOME_UNKNOWN rather than doing the
 * deposit (or the admission) a second time.
 */
export class IdempotencyOutcomeUnknown1795470000000 implements MigrationInterface {
  name = 'IdempotencyOutcomeUnknown1795470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" ADD "failed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "failed_at"`);
  }
}
