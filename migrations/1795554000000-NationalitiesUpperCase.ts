import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nationalities are stored upper case, as the country of birth already was (CHK_persons_country_of_birth). A
 * list sent in lower case was stored as typed (`["hn"]`): the repeat-arrival check, which needs a nationality in
 * common, never matched it with `HN`, a search by nationality missed it, and statistics counted `hn` apart.
 * Rows written before are upper-cased in place, keeping the order (the first is the one statistics group by) and
 * dropping a code that then appears twice.
 */
export class NationalitiesUpperCase1795554000000 implements MigrationInterface {
  name = 'NationalitiesUpperCase1795554000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "persons" p
          SET nationalities = ARRAY(
                SELECT code FROM (SELECT upper(n) AS code, min(i) AS first
                                    FROM unnest(p.nationalities) WITH ORDINALITY AS u(n, i)
                                   GROUP BY upper(n)) codes
                 ORDER BY first)::char(2)[]
        WHERE array_to_string(p.nationalities, ',') <> upper(array_to_string(p.nationalities, ','))`,
    );
    await queryRunner.query(
      `ALTER TABLE "persons" ADD CONSTRAINT "CHK_persons_nationalities"
         CHECK (array_to_string(nationalities, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "persons" DROP CONSTRAINT "CHK_persons_nationalities"`);
  }
}
