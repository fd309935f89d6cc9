import { Client } from 'pg';
import { DataSource } from 'typeorm';
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

  it('revert cleanly (every down() works) and apply again', async () => {
    const tables = async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        const { rows } = await c.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
        );
        return rows.map((r) => r.table_name as string);
      } finally {
        await c.end();
      }
    };
    const migrated = await tables();
    expect(migrated).toEqual(expect.arrayContaining(['audit_events', 'centres', 'users', 'migrations']));
    // In process, through the same DataSource options the CLI uses (the CLI itself runs in global setup).
    const ds = await new DataSource(typeormOptions(url, 1)).initialize();
    try {
      const count = ds.migrations.length;
      expect(count).toBeGreaterThanOrEqual(3);
      for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['migrations']);
      await ds.runMigrations({ transaction: 'each' });
      expect(await tables()).toEqual(migrated);
    } finally {
      await ds.destroy();
    }
  });
});
