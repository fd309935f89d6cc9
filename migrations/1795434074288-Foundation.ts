import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795434074288 implements MigrationInterface {
  name = 'Foundation1795434074288';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "chain" text NOT NULL, "seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" text, "centre_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text, "request_id" text, "outcome" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_events_occurred_at" ON "audit_events"  ("occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_audit_events_chain_seq" ON "audit_events"  ("chain", "seq") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."centre_regime" AS ENUM('custody', 'shelter', 'attention', 'detention')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."crisis_level" AS ENUM('GREEN', 'YELLOW', 'ORANGE', 'RED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "centres" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "country" character(2) NOT NULL, "regime" "public"."centre_regime" NOT NULL, "capacity" integer NOT NULL, "address" text, "time_zone" text NOT NULL, "crisis_level" "public"."crisis_level" NOT NULL DEFAULT 'GREEN', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_23a35b598b2bc329d06ddb3eb6f" UNIQUE ("code"), CONSTRAINT "CHK_centres_country" CHECK (country ~ '^[A-Z]{2}$'), CONSTRAINT "CHK_centres_code" CHECK (code ~ '^[A-Z0-9-]{2,20}$'), CONSTRAINT "CHK_centres_capacity" CHECK (capacity > 0), CONSTRAINT "PK_0220a98077fab39bf8142b59b37" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "route" text NOT NULL, "key" text NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_79acb7b6848bf92c25a73249d86" PRIMARY KEY ("user_id", "route", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_idempotency_keys_expires_at" ON "idempotency_keys"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "roles" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, "token_version" integer NOT NULL DEFAULT '0', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "CHK_users_email_lower" CHECK (email = lower(email)), CONSTRAINT "CHK_users_roles" CHECK (roles <@ ARRAY['intake_officer','medical_staff','centre_manager','auditor','admin']::text[] AND cardinality(roles) > 0), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_centres" ("user_id" uuid NOT NULL, "centre_id" uuid NOT NULL, CONSTRAINT "PK_1073609bc0125676fa4a6fa2119" PRIMARY KEY ("user_id", "centre_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_chain_heads" ("chain" text NOT NULL, "seq" bigint NOT NULL DEFAULT '0', "hash" character(64), CONSTRAINT "PK_177ffb3d30ea05da818b750eae3" PRIMARY KEY ("chain"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_centres" ADD CONSTRAINT "FK_5bfa34a48002a64978157bc4dff" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_centres" ADD CONSTRAINT "FK_82f8405f5840f2e292a55b93356" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_centres" DROP CONSTRAINT "FK_82f8405f5840f2e292a55b93356"`);
    await queryRunner.query(`ALTER TABLE "user_centres" DROP CONSTRAINT "FK_5bfa34a48002a64978157bc4dff"`);
    await queryRunner.query(`DROP TABLE "audit_chain_heads"`);
    await queryRunner.query(`DROP TABLE "user_centres"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_keys_expires_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "centres"`);
    await queryRunner.query(`DROP TYPE "public"."crisis_level"`);
    await queryRunner.query(`DROP TYPE "public"."centre_regime"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_audit_events_chain_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
