import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a document last changed. A document can be left PENDING or RENDERING with no queue job to finish it (BullMQ
 * failed the job for stalling too often, or Redis lost it); once it has been left alone long enough, the retry
 * endpoint takes it back to the queue. Existing rows take their last known change: the request, READY, or the
 * revocation.
 */
export class DocumentUpdatedAt1795510000000 implements MigrationInterface {
  name = 'DocumentUpdatedAt1795510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" ADD "updated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "documents" SET "updated_at" = greatest("requested_at", "ready_at", "revoked_at")`,
    );
    await queryRunner.query(`ALTER TABLE "documents" ALTER COLUMN "updated_at" SET DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "documents" ALTER COLUMN "updated_at" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "updated_at"`);
  }
}
