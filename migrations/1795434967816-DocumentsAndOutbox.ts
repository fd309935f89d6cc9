import { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentsAndOutbox1795434967816 implements MigrationInterface {
  name = 'DocumentsAndOutbox1795434967816';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" BIGSERIAL NOT NULL, "type" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "language" character varying(10) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "generation" integer NOT NULL DEFAULT '1', "last_error" character varying(500), "sha256" character(64), "size_bytes" integer, "page_count" integer, "requested_by" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ready_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "UQ_ffce3a025cba2d79bf4f108d8ee" UNIQUE ("number"), CONSTRAINT "CHK_documents_attempts" CHECK (attempts >= 0 AND generation >= 1), CONSTRAINT "CHK_documents_sha256" CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "CHK_documents_ready" CHECK (status <> 'READY' OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL AND page_count IS NOT NULL AND ready_at IS NOT NULL)), CONSTRAINT "CHK_documents_status" CHECK (status IN ('PENDING','RENDERING','READY','FAILED')), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_documents_centre" ON "documents"  ("centre_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_documents_sha256" ON "documents"  ("sha256") WHERE sha256 IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_documents_subject" ON "documents"  ("subject_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document_files" ("document_id" uuid NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c1b1c6917d00a023493fd7f8ab7" PRIMARY KEY ("document_id"))`,
    );
    // PDFs are already compressed: store them out of line without another compression attempt.
    await queryRunner.query(`ALTER TABLE "document_files" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" character varying(100) NOT NULL, "job_name" character varying(100) NOT NULL, "job_id" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "CHK_outbox_attempts" CHECK (attempts >= 0), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_outbox_pending_job" ON "outbox"  ("queue", "job_id") WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_pending" ON "outbox"  ("created_at") WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_9fd258374a121396281cb620c87" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_d40d617909aacfceea98d6a7d9a" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_files" ADD CONSTRAINT "FK_c1b1c6917d00a023493fd7f8ab7" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_files" DROP CONSTRAINT "FK_c1b1c6917d00a023493fd7f8ab7"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_d40d617909aacfceea98d6a7d9a"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_9fd258374a121396281cb620c87"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_pending"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_outbox_pending_job"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP TABLE "document_files"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_documents_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_documents_sha256"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_documents_centre"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
