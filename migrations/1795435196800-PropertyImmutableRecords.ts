import { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['property_movements', 'cash_movements'];
const NO_DELETE = [
  'property_items',
  'property_bags',
  'cash_accounts',
  'property_claims',
  'property_seal_discrepancies',
  'property_unclaimed_notices',
  'property_receipts',
];

/**
 * Property is never deleted: movements are append-only (a mistake is reversed by a correcting movement), the
 * other records refuse DELETE, and a receipt refuses any change of substance once acknowledged.
 */
export class PropertyImmutableRecords1795435196800 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION property_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE FUNCTION property_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are never deleted; record a correcting movement instead', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // Once acknowledged, only the link to the generated PDF may still be set.
    await q.query(`
      CREATE FUNCTION property_receipts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.acknowledged_at IS NOT NULL AND
           (to_jsonb(NEW) - 'document_id' - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'document_id' - 'version') THEN
          RAISE EXCEPTION 'receipt % is acknowledged and cannot change', OLD.number
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of APPEND_ONLY) {
      await q.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION property_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION property_append_only()`);
    }
    for (const table of NO_DELETE) {
      await q.query(`
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION property_no_delete()`);
    }
    await q.query(`
      CREATE TRIGGER property_receipts_immutable BEFORE UPDATE ON property_receipts
      FOR EACH ROW EXECUTE FUNCTION property_receipts_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER property_receipts_immutable ON property_receipts`);
    for (const table of NO_DELETE) await q.query(`DROP TRIGGER ${table}_no_delete ON ${table}`);
    for (const table of APPEND_ONLY) {
      await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_no_update_delete ON ${table}`);
    }
    await q.query(`DROP FUNCTION property_receipts_immutable()`);
    await q.query(`DROP FUNCTION property_no_delete()`);
    await q.query(`DROP FUNCTION property_append_only()`);
  }
}
