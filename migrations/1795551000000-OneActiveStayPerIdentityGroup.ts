import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One human being has at most one ACTIVE stay, whichever of their person records it is under. The unique index
 * UQ_stays_one_active_per_person holds it per record; but records confirmed to be one person are merged and
 * kept (person_merges), and an admission of one of them while another was ACTIVE opened a second ACTIVE stay
 * for the same human (the merge itself refuses two ACTIVE stays, BOTH_HAVE_ACTIVE_STAYS, only when it is made).
 *
 * A trigger on stays, so that every writer is held to it (an admission, a transfer's acceptance). It finds the
 * group's root (the record everything was merged into, following merges of merges) and locks that person row
 * before it looks: a merge locks both its records and an admission locks the record it admits, so two
 * admissions of one human, or an admission and a merge, take turns; a merge committed while it waited moves the
 * root, which is found again. An ACTIVE stay of another record of the group (the record's own is the index's
 * to refuse) is a unique violation named UQ_stays_one_active_per_identity_group, with that stay's id as its
 * detail (AdmissionsService answers 409 naming its centre).
 */
export class OneActiveStayPerIdentityGroup1795551000000 implements MigrationInterface {
  name = 'OneActiveStayPerIdentityGroup1795551000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION stays_one_active_per_identity_group() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        root uuid;
        locked uuid;
        other record;
      BEGIN
        LOOP
          WITH RECURSIVE up(id, depth) AS (
            SELECT NEW.person_id, 0
            UNION ALL
            SELECT pm.survivor_person_id, up.depth + 1
              FROM person_merges pm JOIN up ON pm.merged_person_id = up.id
             WHERE pm.unmerged_at IS NULL AND up.depth < 50)
          SELECT id INTO root FROM up ORDER BY depth DESC LIMIT 1;
          EXIT WHEN root = locked;
          PERFORM 1 FROM persons WHERE id = root FOR UPDATE;
          locked := root;
        END LOOP;
        SELECT s.id, c.code, c.name INTO other
          FROM stays s JOIN centres c ON c.id = s.centre_id
         WHERE s.status = 'ACTIVE' AND s.person_id <> NEW.person_id
           AND s.person_id IN (
             WITH RECURSIVE down(id, depth) AS (
               SELECT root, 0
               UNION ALL
               SELECT pm.merged_person_id, down.depth + 1
                 FROM person_merges pm JOIN down ON pm.survivor_person_id = down.id
                WHERE pm.unmerged_at IS NULL AND down.depth < 50)
             SELECT id FROM down)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'The person already has an ACTIVE stay at centre % (%)', other.code, other.name
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'UQ_stays_one_active_per_identity_group',
                  TABLE = 'stays', DETAIL = other.id::text;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER stays_one_active_per_identity_group_insert BEFORE INSERT ON stays
         FOR EACH ROW WHEN (NEW.status = 'ACTIVE') EXECUTE FUNCTION stays_one_active_per_identity_group()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER stays_one_active_per_identity_group_update BEFORE UPDATE OF status, person_id ON stays
         FOR EACH ROW WHEN (NEW.status = 'ACTIVE' AND (OLD.status <> 'ACTIVE' OR OLD.person_id <> NEW.person_id))
         EXECUTE FUNCTION stays_one_active_per_identity_group()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stays_one_active_per_identity_group_update ON stays`);
    await queryRunner.query(`DROP TRIGGER stays_one_active_per_identity_group_insert ON stays`);
    await queryRunner.query(`DROP FUNCTION stays_one_active_per_identity_group()`);
  }
}
