import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Persons and stays. By hand: the name search (an IMMUTABLE unaccent wrapper, a trigger that keeps
 * persons.search_name normalised, a GIN trigram index over it).
 */
export class AdmissionCore1795434650303 implements MigrationInterface {
  name = 'AdmissionCore1795434650303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."person_sex" AS ENUM('F', 'M', 'X', 'unknown')`);
    await queryRunner.query(
      `CREATE TABLE "persons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_names" text NOT NULL, "family_names" text NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "name_original_script" text, "sex" "public"."person_sex" NOT NULL DEFAULT 'unknown', "date_of_birth" date, "date_of_birth_estimated" boolean NOT NULL DEFAULT false, "nationalities" character(2) array NOT NULL DEFAULT '{}', "country_of_birth" character(2), "languages" text array NOT NULL DEFAULT '{}', "preferred_language" text, "next_of_kin" jsonb, "forwarding_address" text, "search_name" text NOT NULL DEFAULT '', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_persons_names" CHECK (length(given_names) > 0 OR length(family_names) > 0), CONSTRAINT "CHK_persons_country_of_birth" CHECK (country_of_birth IS NULL OR country_of_birth ~ '^[A-Z]{2}$'), CONSTRAINT "PK_74278d8812a049233ce41440ac7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_persons_date_of_birth" ON "persons"  ("date_of_birth") `);
    await queryRunner.query(
      `CREATE TYPE "public"."stay_status" AS ENUM('ACTIVE', 'RELEASED', 'TRANSFERRED', 'ABSCONDED', 'DECEASED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."release_destination" AS ENUM('REPATRIATION', 'CHILD_PROTECTION_AUTHORITY', 'FAMILY', 'ASYLUM_PROCEDURE', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "stays" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "status" "public"."stay_status" NOT NULL DEFAULT 'ACTIVE', "admitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "admitted_by_id" uuid, "arrived_at" TIMESTAMP WITH TIME ZONE, "arrival_place" text, "brought_by" text, "group_id" uuid NOT NULL, "accompanied_by_stay_id" uuid, "relationship_to_accompanying" text, "claimed_child" boolean NOT NULL DEFAULT false, "unaccompanied" boolean NOT NULL DEFAULT false, "legal_basis" text, "accommodation_unit" text, "medical_screening_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "medical_screening_done_at" TIMESTAMP WITH TIME ZONE, "medical_screening_done_by_id" uuid, "exited_at" TIMESTAMP WITH TIME ZONE, "release_to" "public"."release_destination", "exit_legal_basis" text, "exit_authorised_by_id" uuid, "exit_report" text, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_stays_not_self_accompanied" CHECK (accompanied_by_stay_id IS DISTINCT FROM id), CONSTRAINT "CHK_stays_relationship" CHECK ((accompanied_by_stay_id IS NULL) = (relationship_to_accompanying IS NULL)), CONSTRAINT "CHK_stays_exit" CHECK ((status = 'ACTIVE') = (exited_at IS NULL)), CONSTRAINT "PK_55e31a0cae0fd6ab1a9f3c6b593" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_stays_group" ON "stays"  ("group_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_stays_centre_status" ON "stays"  ("centre_id", "status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_stays_one_active_per_person" ON "stays"  ("person_id") WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "FK_aa9f9fff5abde9e493c5623c96b" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "FK_e6a0d9399bd603e5b6e3a2e9729" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "FK_305e1b58b96c8b557d3c7dc18bb" FOREIGN KEY ("accompanied_by_stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // unaccent() is only STABLE (its dictionary could change); naming the dictionary makes it safe to index.
    await queryRunner.query(`
          CREATE FUNCTION immutable_unaccent(text) RETURNS text
          LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
          AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await queryRunner.query(`
          CREATE FUNCTION persons_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            NEW.search_name := lower(immutable_unaccent(concat_ws(' ', NEW.given_names, NEW.family_names,
              array_to_string(NEW.aliases, ' '), NEW.name_original_script)));
            RETURN NEW;
          END $$`);
    await queryRunner.query(`
          CREATE TRIGGER persons_search_name BEFORE INSERT OR UPDATE OF given_names, family_names, aliases,
          name_original_script ON persons FOR EACH ROW EXECUTE FUNCTION persons_search_name()`);
    await queryRunner.query(
      `CREATE INDEX "IDX_persons_search_name_trgm" ON "persons" USING gin ("search_name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_search_name_trgm"`);
    await queryRunner.query(`DROP TRIGGER persons_search_name ON persons`);
    await queryRunner.query(`DROP FUNCTION persons_search_name()`);
    await queryRunner.query(`DROP FUNCTION immutable_unaccent(text)`);
    await queryRunner.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_305e1b58b96c8b557d3c7dc18bb"`);
    await queryRunner.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_e6a0d9399bd603e5b6e3a2e9729"`);
    await queryRunner.query(`ALTER TABLE "stays" DROP CONSTRAINT "FK_aa9f9fff5abde9e493c5623c96b"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_stays_one_active_per_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_stays_centre_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_stays_group"`);
    await queryRunner.query(`DROP TABLE "stays"`);
    await queryRunner.query(`DROP TYPE "public"."release_destination"`);
    await queryRunner.query(`DROP TYPE "public"."stay_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_date_of_birth"`);
    await queryRunner.query(`DROP TABLE "persons"`);
    await queryRunner.query(`DROP TYPE "public"."person_sex"`);
  }
}
