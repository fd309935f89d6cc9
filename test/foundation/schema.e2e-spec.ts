import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';
import { databaseUrl } from '../support/test-env';

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

  /**
   * What the migrations made, in a form two databases can be compared by: tables and columns (by name, not by
   * position), constraints, indexes, triggers, functions (whitespace folded), enums, views and extensions.
   */
  async function schemaOf(): Promise<string[]> {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const lines: string[] = [];
      for (const sql of [
        `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' null=' || is_nullable
                  || ' default=' || coalesce(column_default, '-')
           FROM information_schema.columns WHERE table_schema = 'public'`,
        `SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
           FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
        `SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'`,
        `SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal`,
        `SELECT 'function ' || regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g')
           FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
        `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
           FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
        `SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'`,
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

  it('revert cleanly: each down() leaves the schema as the migrations before it made it, and all apply again', async () => {
    const migrated = await schemaOf();
    expect(migrated).toEqual(
      expect.arrayContaining([
        'index CREATE UNIQUE INDEX "UQ_audit_events_chain_seq" ON public.audit_events USING btree (chain, seq)',
      ]),
    );
    // In process, through the same DataSource options the CLI uses (the CLI itself runs in global setup).
    const ds = await new DataSource(typeormOptions(url, 1)).initialize();
    const timestamp = (m: MigrationInterface) => Number(/(\d{13})$/.exec(m.constructor.name)![1]);
    const migrations = [...ds.migrations].sort((a, b) => timestamp(a) - timestamp(b));
    expect(migrations.length).toBeGreaterThanOrEqual(3);
    // afterReverting[k]: the schema once every migration after the k-th was reverted, one by one (the down() of
    // migrations[k], counting from 0, made it).
    const afterReverting: string[][] = [];
    try {
      afterReverting[migrations.length] = migrated;
      for (let k = migrations.length - 1; k >= 0; k--) {
        await ds.undoLastMigration({ transaction: 'each' });
        afterReverting[k] = await schemaOf();
      }
    } finally {
      await ds.destroy();
    }
    const tables = afterReverting[0].filter((line) => line.startsWith('column ')).map((l) => l.split('.')[0]);
    expect([...new Set(tables)]).toEqual(['column migrations']);
    // Applied again one at a time: after the k-th, the schema must be the one the down() of the next went back to.
    const applied: string[][] = [];
    for (let k = 1; k <= migrations.length; k++) {
      const upTo = await new DataSource({
        ...typeormOptions(url, 1),
        migrations: migrations.slice(0, k).map((m) => m.constructor as new () => MigrationInterface),
      }).initialize();
      try {
        await upTo.runMigrations({ transaction: 'each' });
      } finally {
        await upTo.destroy();
      }
      applied[k] = await schemaOf();
    }
    // A difference a down() leaves behind lasts until an earlier down() removes it: it is named once, under the
    // latest migration whose down() left it, which is the one to fix.
    const named = new Set<string>();
    const faults: { down: string; differences: string[] }[] = [];
    for (let k = migrations.length - 1; k >= 1; k--) {
      const differences = [
        ...applied[k].filter((l) => !afterReverting[k].includes(l)).map((l) => `left out: ${l}`),
        ...afterReverting[k].filter((l) => !applied[k].includes(l)).map((l) => `left behind: ${l}`),
      ].filter((d) => !named.has(d));
      differences.forEach((d) => named.add(d));
      if (differences.length) faults.push({ down: migrations[k].constructor.name, differences });
    }
    expect(faults).toEqual([]);
    expect(await schemaOf()).toEqual(migrated);
  });
});
