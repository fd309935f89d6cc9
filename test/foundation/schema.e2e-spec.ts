import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { createEmptyTestDatabase, createTestDatabase, dropTestDatabase } from '../support/test-app';
import { databaseUrl } from '../support/test-env';

/**
 * What a schema holds, in a form two databases can be compared by: relations (kind, persistence, options),
 * columns by name with their full type, identity, generation, collation and default, constraints, indexes,
 * triggers (and whether enabled), functions (whitespace folded), enums, sequences, views and extensions.
 */
async function schemaOf(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const lines: string[] = [];
    for (const sql of [
      `SELECT 'relation ' || relname || ' ' || relkind::text || relpersistence::text || ' ' || coalesce(array_to_string(reloptions, ','), '')
       FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
      `SELECT 'column ' || r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
              || ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
              || ' collation=' || a.attcollation::regcollation::text || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
       FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE r.relnamespace = 'public'::regnamespace AND r.relkind IN ('r', 'p', 'v', 'm')
         AND a.attnum > 0 AND NOT a.attisdropped`,
      `SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
      `SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'`,
      `SELECT 'trigger ' || pg_get_triggerdef(oid) || ' enabled=' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal`,
      `SELECT 'function ' || regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g')
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
         AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace
       GROUP BY t.typname`,
      `SELECT 'sequence ' || sequencename || ' ' || data_type || ' ' || increment_by || ' ' || min_value
       FROM pg_sequences WHERE schemaname = 'public'`,
      `SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'`,
      `SELECT 'view ' || matviewname || ' ' || definition FROM pg_matviews WHERE schemaname = 'public'`,
      `SELECT 'extension ' || extname FROM pg_extension`,
    ]) {
      const { rows } = await c.query<Record<string, string>>(sql);
      lines.push(...rows.map((row) => Object.values(row)[0]));
    }
    return lines.sort();
  } finally {
    await c.end();
  }
}

/** Runs the pending ones of these migrations on the database at url, as the migration CLI would. */
async function runMigrations(url: string, migrations: MigrationInterface[]): Promise<void> {
  const ds = await new DataSource({
    ...typeormOptions(url, 1),
    migrations: migrations.map((m) => m.constructor as new () => MigrationInterface),
  }).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

describe('migrations', () => {
  let name: string;
  let url: string;
  beforeAll(async () => {
    name = await createTestDatabase();
    url = databaseUrl(name);
  });
  afterAll(() => dropTestDatabase(name));

  it('agree with the entities: a schema diff finds nothing to generate', async () => {
    const ds = await new DataSource(typeormOptions(url, 2)).initialize();
    try {
      const { upQueries } = await ds.driver.createSchemaBuilder().log();
      const pending = upQueries.map((q) => q.query);
      if (pending.length) process.stderr.write(`Entities and migrations disagree:\n${pending.join(';\n')}\n`);
      expect(pending).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });

  it('revert cleanly: each down() leaves the schema exactly as the migrations before it made it', async () => {
    const migrated = await schemaOf(url);
    expect(migrated).toContain(
      'index CREATE UNIQUE INDEX "UQ_audit_events_chain_seq" ON public.audit_events USING btree (chain, seq)',
    );
    // In process, through the same DataSource options the CLI uses (the CLI itself runs in global setup).
    const ds = await new DataSource(typeormOptions(url, 1)).initialize();
    const timestamp = (m: MigrationInterface) => Number(/(\d{13})$/.exec(m.constructor.name)![1]);
    const migrations = [...ds.migrations].sort((a, b) => timestamp(a) - timestamp(b));
    expect(migrations.length).toBeGreaterThanOrEqual(3);
    // Reverts go newest first by the order they ran in; the names below assume that is the timestamps' order.
    const ran = await ds.query(`SELECT name FROM migrations ORDER BY id`);
    expect(ran.map((r: { name: string }) => r.name)).toEqual(migrations.map((m) => m.constructor.name));
    // afterReverting[k]: the schema once the migrations after the k-th were reverted, one by one (the down() of
    // migrations[k], counting from 0, made it).
    const afterReverting: string[][] = [];
    try {
      for (let k = migrations.length - 1; k >= 0; k--) {
        await ds.undoLastMigration({ transaction: 'each' });
        afterReverting[k] = await schemaOf(url);
      }
    } finally {
      await ds.destroy();
    }
    // TypeORM installs the uuid extension (pgcrypto) as it connects, as it does below on the fresh database.
    await runMigrations(url, []);
    afterReverting[0] = await schemaOf(url);
    // The same migrations applied one at a time to a database that never saw them: what a down() leaves
    // behind on the reverted database (an extension, a function) is then not there to hide itself.
    const fresh = await createEmptyTestDatabase('fresh');
    const applied: string[][] = [];
    try {
      for (let k = 0; k <= migrations.length; k++) {
        await runMigrations(databaseUrl(fresh), migrations.slice(0, k));
        applied[k] = await schemaOf(databaseUrl(fresh));
      }
    } finally {
      await dropTestDatabase(fresh);
    }
    expect(applied[migrations.length]).toEqual(migrated);
    // A difference a down() leaves lasts until an earlier down() undoes it: it is named once, under the latest
    // migration whose down() left it, which is the one to fix.
    const named = new Set<string>();
    const faults: { down: string; differences: string[] }[] = [];
    for (let k = migrations.length - 1; k >= 0; k--) {
      const differences = [
        ...applied[k].filter((l) => !afterReverting[k].includes(l)).map((l) => `left out: ${l}`),
        ...afterReverting[k].filter((l) => !applied[k].includes(l)).map((l) => `left behind: ${l}`),
      ].filter((d) => !named.has(d));
      differences.forEach((d) => named.add(d));
      if (differences.length) faults.push({ down: migrations[k].constructor.name, differences });
    }
    expect(faults).toEqual([]);
    // And the reverted database takes every migration again.
    await runMigrations(url, migrations);
    expect(await schemaOf(url)).toEqual(migrated);
  });
});
