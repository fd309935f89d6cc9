import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name search at scale (1M persons): a GiST trigram index replaces the GIN one. GIN finds rare names fast but
 * must score every row of a common name (100+ ms for "Carlos"); GiST also returns the nearest names first
 * (`<<->`), so LIMIT stops early. With siglen=256 the signatures are precise enough that a name matching
 * nobody is also answered in a few ms (siglen=64: ~100 ms). Plus a partial index for estimated dates of birth.
 */
export class PersonSearchIndexes1795436171428 implements MigrationInterface {
  name = 'PersonSearchIndexes1795436171428';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_search_name_trgm"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_persons_search_name_gist" ON "persons" USING gist ("search_name" gist_trgm_ops(siglen=256))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_persons_date_of_birth_estimated" ON "persons" ("date_of_birth") WHERE date_of_birth_estimated`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_date_of_birth_estimated"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_search_name_gist"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_persons_search_name_trgm" ON "persons" USING gin ("search_name" gin_trgm_ops)`,
    );
  }
}
