import { MigrationInterface, QueryRunner } from 'typeorm';

/** Screenings (versioned), referrals, transfers between centres and headcounts. */
export class AdmissionScreeningExits1795434839461 implements MigrationInterface {
  name = 'AdmissionScreeningExits1795434839461';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "headcounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "counted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "counted_by_id" uuid NOT NULL, "counted" integer NOT NULL, "expected" integer NOT NULL, "difference" integer NOT NULL, "by_unit" jsonb NOT NULL DEFAULT '[]', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_headcounts_difference" CHECK (difference = counted - expected), CONSTRAINT "CHK_headcounts_non_negative" CHECK (counted >= 0 AND expected >= 0), CONSTRAINT "PK_b11d84848c598549302e02dd588" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_headcounts_centre_counted_at" ON "headcounts"  ("centre_id", "counted_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_type" AS ENUM('CHILD_PROTECTION', 'ASYLUM_AUTHORITY', 'ANTI_TRAFFICKING_UNIT', 'MEDICAL', 'PSYCHOSOCIAL', 'CONSULAR')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('PENDING', 'SENT', 'ACCEPTED', 'DECLINED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stay_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "type" "public"."referral_type" NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'PENDING', "reasons" text array NOT NULL DEFAULT '{}', "screening_id" uuid, "note" text, "status_changed_at" TIMESTAMP WITH TIME ZONE, "status_changed_by_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_centre_status" ON "referrals"  ("centre_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_referrals_stay_type" ON "referrals"  ("stay_id", "type") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."attention_placement" AS ENUM('custody', 'shelter', 'attention', 'detention')`,
    );
    await queryRunner.query(
      `CREATE TABLE "screenings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stay_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "sequence" integer NOT NULL, "current" boolean NOT NULL DEFAULT true, "interviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "interviewer_id" uuid NOT NULL, "interpreter_language" text, "vulnerabilities" text array NOT NULL DEFAULT '{}', "risk_indicators" text array NOT NULL DEFAULT '{}', "asylum_intent" boolean NOT NULL DEFAULT false, "trafficking_indicators" text array NOT NULL DEFAULT '{}', "consular_assistance_requested" boolean NOT NULL DEFAULT false, "claimed_child" boolean NOT NULL DEFAULT false, "age_at_screening" integer, "child" boolean NOT NULL, "requested_placement" "public"."attention_placement", "placement" "public"."attention_placement" NOT NULL, "override_reason" text, "override_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_screenings_child_not_detained" CHECK (NOT child OR placement NOT IN ('custody', 'detention') OR override_reason IS NOT NULL), CONSTRAINT "CHK_screenings_override" CHECK ((override_reason IS NULL) = (override_by_id IS NULL)), CONSTRAINT "CHK_screenings_trafficking_indicators" CHECK (trafficking_indicators <@ ARRAY['DOCUMENTS_WITHHELD','DEBT_BONDAGE','CONTROLLED_BY_THIRD_PARTY','DECEPTIVE_RECRUITMENT','FORCED_LABOUR_OR_SEXUAL_EXPLOITATION','RESTRICTED_MOVEMENT']::text[]), CONSTRAINT "CHK_screenings_risk_indicators" CHECK (risk_indicators <@ ARRAY['WEAPON_OR_DANGEROUS_OBJECT','VIOLENCE','SELF_HARM_RISK','CONTAGIOUS_ILLNESS_SYMPTOMS']::text[]), CONSTRAINT "CHK_screenings_vulnerabilities" CHECK (vulnerabilities <@ ARRAY['UNACCOMPANIED_OR_SEPARATED_CHILD','OTHER_CHILD_AT_RISK','TRAFFICKING_VICTIM','REFUGEE_OR_ASYLUM_APPLICANT','EXTRA_CONTINENTAL_MIGRANT','VICTIM_OF_VIOLENCE_OR_CRIME','SEXUAL_OR_GENDER_BASED_VIOLENCE','PREGNANT_WOMAN','SERIOUS_MEDICAL_CONDITION','DISABILITY','OLDER_PERSON']::text[]), CONSTRAINT "PK_343138765d7d5a69f71b2ff7795" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_screenings_one_current_per_stay" ON "screenings"  ("stay_id") WHERE current`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_screenings_stay_sequence" ON "screenings"  ("stay_id", "sequence") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."transfer_status" AS ENUM('PENDING', 'ACCEPTED', 'REJECTED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stay_id" uuid NOT NULL, "from_centre_id" uuid NOT NULL, "to_centre_id" uuid NOT NULL, "status" "public"."transfer_status" NOT NULL DEFAULT 'PENDING', "legal_basis" text NOT NULL, "authorised_by_id" uuid NOT NULL, "reason" text, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_by_id" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_id" uuid, "decision_note" text, "new_stay_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_transfers_new_stay" CHECK ((status = 'ACCEPTED') = (new_stay_id IS NOT NULL)), CONSTRAINT "CHK_transfers_other_centre" CHECK (from_centre_id <> to_centre_id), CONSTRAINT "PK_f712e908b465e0085b4408cabc3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_transfers_to_centre_status" ON "transfers"  ("to_centre_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_transfers_one_pending_per_stay" ON "transfers"  ("stay_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `ALTER TABLE "headcounts" ADD CONSTRAINT "FK_05123e11cedbd31710aaf494f72" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_a439ef15933a7cf73c0914b9a97" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "FK_38ce7080c98f4917ab1aed95373" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "FK_897c7a111ecfddd9d66e7ff6f91" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "FK_c71013a303b2e66e8ad9f481b94" FOREIGN KEY ("from_centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "FK_f81ab596e84562331f1233b67d2" FOREIGN KEY ("to_centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "FK_b83062ca6eb47f8686cdebe84cd" FOREIGN KEY ("new_stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "FK_b83062ca6eb47f8686cdebe84cd"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "FK_f81ab596e84562331f1233b67d2"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "FK_c71013a303b2e66e8ad9f481b94"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "FK_897c7a111ecfddd9d66e7ff6f91"`);
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "FK_38ce7080c98f4917ab1aed95373"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_a439ef15933a7cf73c0914b9a97"`);
    await queryRunner.query(`ALTER TABLE "headcounts" DROP CONSTRAINT "FK_05123e11cedbd31710aaf494f72"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_transfers_one_pending_per_stay"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_transfers_to_centre_status"`);
    await queryRunner.query(`DROP TABLE "transfers"`);
    await queryRunner.query(`DROP TYPE "public"."transfer_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_screenings_stay_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_screenings_one_current_per_stay"`);
    await queryRunner.query(`DROP TABLE "screenings"`);
    await queryRunner.query(`DROP TYPE "public"."attention_placement"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_referrals_stay_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_centre_status"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    await queryRunner.query(`DROP TYPE "public"."referral_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_headcounts_centre_counted_at"`);
    await queryRunner.query(`DROP TABLE "headcounts"`);
  }
}
