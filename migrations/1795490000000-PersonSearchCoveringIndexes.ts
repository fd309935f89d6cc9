import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name + date of birth search compares the names in the date of birth indexes themselves: each index also
 * carries search_name and id (INCLUDE), so an index-only scan filters the forty-odd people born on a day and
 * only the persons whose names match are read from the table. Before, every one of them was: forty-odd random
 * table pages a search, and on a table larger than memory those reads were most of its time.
 * The new indexes lead with date_of_birth as the old ones did, so every range scan they served still works.
 *
 * Built CONCURRENTLY, outside a transaction, so that admissions go on while a table of millions is indexed. A
 * build that fails leaves an invalid index behind: each step drops what an earlier attempt may have left, so the
 * migration can simply be run again.
 */
export class PersonSearchCoveringIndexes1795490000000 implements MigrationInterface {
  name = 'PersonSearchCoveringIndexes1795490000000';
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "IDX_persons_date_of_birth_names"`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "IDX_persons_date_of_birth_names" ON "persons" ("date_of_birth")
         INCLUDE ("search_name", "id")`,
    );
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "IDX_persons_date_of_birth_estimated_names"`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "IDX_persons_date_of_birth_estimated_names" ON "persons" ("date_of_birth")
         INCLUDE ("search_name", "id") WHERE date_of_birth_estimated`,
    );
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "IDX_persons_date_of_birth"`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "IDX_persons_date_of_birth_estimated"`);
  }

  /** Plain statements: TypeORM reverts a migration inside a transaction whatever its `transaction` says. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_persons_date_of_birth" ON "persons" ("date_of_birth")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_persons_date_of_birth_estimated" ON "persons" ("date_of_birth") WHERE date_of_birth_estimated`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_date_of_birth_estimated_names"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_persons_date_of_birth_names"`);
  }
}
