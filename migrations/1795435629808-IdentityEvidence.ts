import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity evidence, wristbands, verifications, alerts, repeat-admission decisions and merges.
 * By hand: `identity_checkpoint` is shared by two tables, so it is created and dropped once (the generator
 * emits it twice).
 */
export class IdentityEvidence1795435629808 implements MigrationInterface {
  name = 'IdentityEvidence1795435629808';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "biometric_references" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "system" text NOT NULL, "template_id" text NOT NULL, "quality" integer NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_biometric_references_quality" CHECK (quality BETWEEN 0 AND 100), CONSTRAINT "PK_51f753b6e8890ddf06d6c921734" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_biometric_references_template" ON "biometric_references"  ("person_id", "system", "template_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_biometric_references_person" ON "biometric_references"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distinguishing_marks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "body_location" text NOT NULL, "description" text NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8fe0eb17038d4dcc596e914abc8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_distinguishing_marks_person" ON "distinguishing_marks"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."identity_checkpoint" AS ENUM('INTAKE', 'TRANSFER_OUT', 'TRANSFER_IN', 'RELEASE', 'COUNT', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."identity_verification_result" AS ENUM('MATCH', 'MISMATCH', 'INCONCLUSIVE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "identity_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stay_id" uuid NOT NULL, "person_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "checkpoint" "public"."identity_checkpoint" NOT NULL, "methods" text array NOT NULL, "findings" jsonb NOT NULL, "officer_assessment" "public"."identity_verification_result", "result" "public"."identity_verification_result" NOT NULL, "reasons" text array NOT NULL, "notes" text, "verified_by_id" uuid NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_42a93e679bc1d9568b6e80ea080" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_identity_verifications_person" ON "identity_verifications"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_identity_verifications_stay" ON "identity_verifications"  ("stay_id", "checkpoint", "verified_at") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."identity_alert_status" AS ENUM('open', 'acknowledged')`);
    await queryRunner.query(
      `CREATE TABLE "identity_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "verification_id" uuid NOT NULL, "checkpoint" "public"."identity_checkpoint" NOT NULL, "reasons" text array NOT NULL, "status" "public"."identity_alert_status" NOT NULL DEFAULT 'open', "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raised_by_id" uuid NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_id" uuid, "acknowledgement_note" text, "version" integer NOT NULL, CONSTRAINT "UQ_2147f899179fa8cb0d2b6e7f387" UNIQUE ("verification_id"), CONSTRAINT "CHK_identity_alerts_ack" CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL AND acknowledged_by_id IS NOT NULL)), CONSTRAINT "PK_0433383728abde760b3680f7bea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_identity_alerts_centre_status" ON "identity_alerts"  ("centre_id", "status", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."identity_document_type" AS ENUM('passport', 'national_id', 'birth_certificate', 'consular_id', 'refugee_document', 'other', 'none')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."identity_document_check_method" AS ENUM('visual', 'security_features', 'issuer_registry', 'consular_confirmation')`,
    );
    await queryRunner.query(
      `CREATE TABLE "identity_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "type" "public"."identity_document_type" NOT NULL, "number_normalised" text, "issuing_country" character(2), "expires_on" date, "check_method" "public"."identity_document_check_method", "verified_by_id" uuid, "verified_at" TIMESTAMP WITH TIME ZONE, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_identity_documents_verified" CHECK ((verified_by_id IS NULL) = (check_method IS NULL) AND (verified_by_id IS NULL) = (verified_at IS NULL)), CONSTRAINT "CHK_identity_documents_country" CHECK (issuing_country ~ '^[A-Z]{2}$'), CONSTRAINT "CHK_identity_documents_number_format" CHECK (number_normalised ~ '^[A-Z0-9]{1,40}$'), CONSTRAINT "CHK_identity_documents_number" CHECK ((type = 'none') = (number_normalised IS NULL)), CONSTRAINT "PK_e0521031eeadbcd1ef2624d0c40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_identity_documents_person" ON "identity_documents"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_identity_documents_number" ON "identity_documents"  ("number_normalised", "issuing_country") `,
    );
    await queryRunner.query(
      `CREATE TABLE "identity_photos" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "data" bytea NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_identity_photos_size" CHECK (size_bytes > 0 AND size_bytes = octet_length(data)), CONSTRAINT "CHK_identity_photos_sha256" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "CHK_identity_photos_type" CHECK (content_type IN ('image/jpeg', 'image/png')), CONSTRAINT "PK_9f8918fad09153c6b9d95480261" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_identity_photos_stay_sha256" ON "identity_photos"  ("stay_id", "sha256") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_identity_photos_person" ON "identity_photos"  ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_identity_photos_sha256" ON "identity_photos"  ("sha256") `);
    await queryRunner.query(`CREATE TYPE "public"."person_match_decision" AS ENUM('confirmed', 'rejected')`);
    await queryRunner.query(
      `CREATE TABLE "person_match_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_low_id" uuid NOT NULL, "person_high_id" uuid NOT NULL, "decision" "public"."person_match_decision" NOT NULL, "reason" text, "decided_by_id" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_person_match_decisions_order" CHECK (person_low_id < person_high_id), CONSTRAINT "PK_664097232e6b7e21bd1d75ab26a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_match_decisions_pair" ON "person_match_decisions"  ("person_low_id", "person_high_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "person_merges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "survivor_person_id" uuid NOT NULL, "merged_person_id" uuid NOT NULL, "snapshot" jsonb NOT NULL, "reason" text, "merged_by_id" uuid NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "unmerged_by_id" uuid, "unmerged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_person_merges_unmerged" CHECK ((unmerged_at IS NULL) = (unmerged_by_id IS NULL)), CONSTRAINT "CHK_person_merges_distinct" CHECK (survivor_person_id <> merged_person_id), CONSTRAINT "PK_1571c5e03c58fbe2f048482b153" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_person_merges_survivor" ON "person_merges"  ("survivor_person_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_merges_active_merged" ON "person_merges"  ("merged_person_id") WHERE unmerged_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "wristbands" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "stay_id" uuid NOT NULL, "person_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "issued_by_id" uuid NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by_id" uuid, CONSTRAINT "UQ_1d1e0546243661438ad7509a602" UNIQUE ("code"), CONSTRAINT "CHK_wristbands_revoked" CHECK ((revoked_at IS NULL) = (revoked_by_id IS NULL)), CONSTRAINT "CHK_wristbands_code" CHECK (code ~ '^[A-Z2-9]{12}$'), CONSTRAINT "PK_003638d90ec43fede3c8e2a4b76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_wristbands_active_stay" ON "wristbands"  ("stay_id") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "biometric_references" ADD CONSTRAINT "FK_d752d907bb2c49701737b24d3b3" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "biometric_references" ADD CONSTRAINT "FK_83434e3873c6fe04341e4f49222" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "biometric_references" ADD CONSTRAINT "FK_e72fbcb3b759a49aa96a1ff5596" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distinguishing_marks" ADD CONSTRAINT "FK_427a42cf62bb87d9156a833b2cd" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distinguishing_marks" ADD CONSTRAINT "FK_794c71755a715dd2bd33609f31a" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distinguishing_marks" ADD CONSTRAINT "FK_4a954f08d700fec735d787ead04" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "FK_af76e6936da4ecfc18c611ca91f" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "FK_956d8cbba967899f1c8581906f2" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "FK_f4c050ca458643fa4b1c1972fe1" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_alerts" ADD CONSTRAINT "FK_82ad51219b363abc0c1309236f8" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_alerts" ADD CONSTRAINT "FK_06d865754305c94a744acd0e585" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_alerts" ADD CONSTRAINT "FK_2147f899179fa8cb0d2b6e7f387" FOREIGN KEY ("verification_id") REFERENCES "identity_verifications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "FK_4d0288b848ef6a6fd6ceab2264c" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "FK_02b906cc1db9306b79e30d145ef" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "FK_e26e2bdf681c2a2b26377ed3517" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_photos" ADD CONSTRAINT "FK_cdb89be4495d67ef94cc146ba0f" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_photos" ADD CONSTRAINT "FK_e98a3e37b5fec24fc9afec7f72f" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_photos" ADD CONSTRAINT "FK_1aa22b1f866da063f9baa4e2431" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_match_decisions" ADD CONSTRAINT "FK_1606a38f689f1720a159ec15231" FOREIGN KEY ("person_low_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_match_decisions" ADD CONSTRAINT "FK_8a9f974d8c0c8598752ff700d9a" FOREIGN KEY ("person_high_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_16a150c9233e5202bbc3a494a03" FOREIGN KEY ("survivor_person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_0831ad4cc21a348dc0aeceb53d8" FOREIGN KEY ("merged_person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "wristbands" ADD CONSTRAINT "FK_05a4853a86a69f05ed389ae419b" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "wristbands" ADD CONSTRAINT "FK_34dbaf708295a404e0a59adc3b4" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "wristbands" ADD CONSTRAINT "FK_c83bb6ad360d095f5cf7f65a69b" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "wristbands" DROP CONSTRAINT "FK_c83bb6ad360d095f5cf7f65a69b"`);
    await queryRunner.query(`ALTER TABLE "wristbands" DROP CONSTRAINT "FK_34dbaf708295a404e0a59adc3b4"`);
    await queryRunner.query(`ALTER TABLE "wristbands" DROP CONSTRAINT "FK_05a4853a86a69f05ed389ae419b"`);
    await queryRunner.query(`ALTER TABLE "person_merges" DROP CONSTRAINT "FK_0831ad4cc21a348dc0aeceb53d8"`);
    await queryRunner.query(`ALTER TABLE "person_merges" DROP CONSTRAINT "FK_16a150c9233e5202bbc3a494a03"`);
    await queryRunner.query(
      `ALTER TABLE "person_match_decisions" DROP CONSTRAINT "FK_8a9f974d8c0c8598752ff700d9a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_match_decisions" DROP CONSTRAINT "FK_1606a38f689f1720a159ec15231"`,
    );
    await queryRunner.query(`ALTER TABLE "identity_photos" DROP CONSTRAINT "FK_1aa22b1f866da063f9baa4e2431"`);
    await queryRunner.query(`ALTER TABLE "identity_photos" DROP CONSTRAINT "FK_e98a3e37b5fec24fc9afec7f72f"`);
    await queryRunner.query(`ALTER TABLE "identity_photos" DROP CONSTRAINT "FK_cdb89be4495d67ef94cc146ba0f"`);
    await queryRunner.query(
      `ALTER TABLE "identity_documents" DROP CONSTRAINT "FK_e26e2bdf681c2a2b26377ed3517"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" DROP CONSTRAINT "FK_02b906cc1db9306b79e30d145ef"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" DROP CONSTRAINT "FK_4d0288b848ef6a6fd6ceab2264c"`,
    );
    await queryRunner.query(`ALTER TABLE "identity_alerts" DROP CONSTRAINT "FK_2147f899179fa8cb0d2b6e7f387"`);
    await queryRunner.query(`ALTER TABLE "identity_alerts" DROP CONSTRAINT "FK_06d865754305c94a744acd0e585"`);
    await queryRunner.query(`ALTER TABLE "identity_alerts" DROP CONSTRAINT "FK_82ad51219b363abc0c1309236f8"`);
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" DROP CONSTRAINT "FK_f4c050ca458643fa4b1c1972fe1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" DROP CONSTRAINT "FK_956d8cbba967899f1c8581906f2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" DROP CONSTRAINT "FK_af76e6936da4ecfc18c611ca91f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distinguishing_marks" DROP CONSTRAINT "FK_4a954f08d700fec735d787ead04"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distinguishing_marks" DROP CONSTRAINT "FK_794c71755a715dd2bd33609f31a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distinguishing_marks" DROP CONSTRAINT "FK_427a42cf62bb87d9156a833b2cd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "biometric_references" DROP CONSTRAINT "FK_e72fbcb3b759a49aa96a1ff5596"`,
    );
    await queryRunner.query(
      `ALTER TABLE "biometric_references" DROP CONSTRAINT "FK_83434e3873c6fe04341e4f49222"`,
    );
    await queryRunner.query(
      `ALTER TABLE "biometric_references" DROP CONSTRAINT "FK_d752d907bb2c49701737b24d3b3"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_wristbands_active_stay"`);
    await queryRunner.query(`DROP TABLE "wristbands"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_merges_active_merged"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_person_merges_survivor"`);
    await queryRunner.query(`DROP TABLE "person_merges"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_match_decisions_pair"`);
    await queryRunner.query(`DROP TABLE "person_match_decisions"`);
    await queryRunner.query(`DROP TYPE "public"."person_match_decision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_photos_sha256"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_photos_person"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_identity_photos_stay_sha256"`);
    await queryRunner.query(`DROP TABLE "identity_photos"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_documents_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_documents_person"`);
    await queryRunner.query(`DROP TABLE "identity_documents"`);
    await queryRunner.query(`DROP TYPE "public"."identity_document_check_method"`);
    await queryRunner.query(`DROP TYPE "public"."identity_document_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_alerts_centre_status"`);
    await queryRunner.query(`DROP TABLE "identity_alerts"`);
    await queryRunner.query(`DROP TYPE "public"."identity_alert_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_verifications_stay"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_identity_verifications_person"`);
    await queryRunner.query(`DROP TABLE "identity_verifications"`);
    await queryRunner.query(`DROP TYPE "public"."identity_verification_result"`);
    await queryRunner.query(`DROP TYPE "public"."identity_checkpoint"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_distinguishing_marks_person"`);
    await queryRunner.query(`DROP TABLE "distinguishing_marks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_biometric_references_person"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_biometric_references_template"`);
    await queryRunner.query(`DROP TABLE "biometric_references"`);
  }
}
