import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an unmerge may take back of the survivor's aliases. `person_merges.added_aliases` holds, while the merge
 * stands, the names the merge put on the survivor (those it did not already have) that have stayed there
 * without a break since. Any write that takes a name out of the survivor's aliases (a correction, PATCH
 * /persons/:id, or another unmerge) takes it out of that set too, by the trigger below, in the same statement:
 * a name entered again later is the corrector's, not the merge's, and an unmerge leaves it. Merges that still
 * stand start with the names their snapshot recorded that the survivor still has.
 */
export class PersonMergeAddedAliases1795520000000 implements MigrationInterface {
  name = 'PersonMergeAddedAliases1795520000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "person_merges" ADD "added_aliases" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`
      UPDATE person_merges pm
         SET added_aliases = ARRAY(SELECT a FROM jsonb_array_elements_text(pm.snapshot->'addedAliases')
                                                 WITH ORDINALITY AS x(a, i)
                                    WHERE a = ANY(p.aliases) ORDER BY i)
        FROM persons p
       WHERE p.id = pm.survivor_person_id AND pm.unmerged_at IS NULL
         AND jsonb_typeof(pm.snapshot->'addedAliases') = 'array'`);
    await queryRunner.query(`
      CREATE FUNCTION person_merges_drop_removed_aliases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE person_merges
           SET added_aliases = ARRAY(SELECT a FROM unnest(added_aliases) WITH ORDINALITY AS x(a, i)
                                      WHERE a = ANY(NEW.aliases) ORDER BY i)
         WHERE survivor_person_id = NEW.id AND unmerged_at IS NULL AND NOT (added_aliases <@ NEW.aliases);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER persons_merge_added_aliases AFTER UPDATE OF aliases ON persons FOR EACH ROW
      WHEN (OLD.aliases IS DISTINCT FROM NEW.aliases) EXECUTE FUNCTION person_merges_drop_removed_aliases()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER persons_merge_added_aliases ON persons`);
    await queryRunner.query(`DROP FUNCTION person_merges_drop_removed_aliases()`);
    await queryRunner.query(`ALTER TABLE "person_merges" DROP COLUMN "added_aliases"`);
  }
}
