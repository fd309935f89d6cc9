import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The caller's roles and centres when a key was first used: a stored answer is replayed only to a caller who
 * still has every one of them (a replay skips the handler, and with it the checks of scope and role that shaped
 * the answer). Keys stored before have none, and are replayed as before until they expire (24 hours).
 */
export class IdempotencyCallerCentres1795530000000 implements MigrationInterface {
  name = 'IdempotencyCallerCentres1795530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD "caller_roles" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD "caller_centre_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "caller_centre_ids"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "caller_roles"`);
  }
}
