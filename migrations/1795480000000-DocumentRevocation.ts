import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document can be revoked: the transfer manifest of a transfer that was cancelled or rejected still carries a
 * genuine signature, and must no longer verify as authorising a move that will not happen. The row and its PDF
 * stay (a record of what was issued); the public check answers `valid: false` with the revocation.
 */
export class DocumentRevocation1795480000000 implements MigrationInterface {
  name = 'DocumentRevocation1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" ADD "revoked_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "documents" ADD "revoked_reason" character varying(200)`);
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "CHK_documents_revoked"
       CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" DROP CONSTRAINT "CHK_documents_revoked"`);
    await q.query(`ALTER TABLE "documents" DROP COLUMN "revoked_reason"`);
    await q.query(`ALTER TABLE "documents" DROP COLUMN "revoked_at"`);
  }
}
