import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `person_identity_group(person)`: the person records that are one human being with `person` (the record all
 * were merged into, following merges of merges, and every record merged into it, directly or not), `person`
 * included. For rules that hold per human across other modules' tables, e.g. property: belongings are never
 * abandoned while their owner is held again, under whichever record.
 */
export class PersonIdentityGroupFunction1795552000000 implements MigrationInterface {
  name = 'PersonIdentityGroupFunction1795552000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION person_identity_group(p_person uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
        WITH RECURSIVE up(id, depth) AS (
          SELECT p_person, 0
          UNION ALL
          SELECT pm.survivor_person_id, up.depth + 1
            FROM person_merges pm JOIN up ON pm.merged_person_id = up.id
           WHERE pm.unmerged_at IS NULL AND up.depth < 50),
        root AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),
        down(id, depth) AS (
          SELECT id, 0 FROM root
          UNION ALL
          SELECT pm.merged_person_id, down.depth + 1
            FROM person_merges pm JOIN down ON pm.survivor_person_id = down.id
           WHERE pm.unmerged_at IS NULL AND down.depth < 50)
        SELECT DISTINCT id FROM down
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION person_identity_group(uuid)`);
  }
}
