import { Client } from 'pg';
import { foldName } from '../../src/identity/rules/name-similarity';
import { UNACCENT_RULES } from '../../src/identity/rules/unaccent-table';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';
import { databaseUrl } from '../support/test-env';

/**
 * Repeat-arrival matching folds names twice: the database pre-filters candidates on persons.search_name
 * (lower(immutable_unaccent(...)) split on anything but a-z and digits), then namesAlike() compares them in the
 * application with foldName(). If the two fold a letter differently, a person the pre-filter found is not
 * proposed ("Ɗan Ladi" and "Dan Ladi"). Every letter of the Basic Multilingual Plane, and every letter the
 * unaccent rules name, must fold the same in both.
 */
describe('name folding: the application folds every letter as the database does', () => {
  let name: string;
  let db: Client;
  beforeAll(async () => {
    name = await createTestDatabase();
    db = new Client({ connectionString: databaseUrl(name) });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await dropTestDatabase(name);
  });

  it('agrees with lower(immutable_unaccent()) letter by letter', async () => {
    const letters = new Set(UNACCENT_RULES.keys());
    for (let cp = 1; cp <= 0xffff; cp++)
      if (cp < 0xd800 || cp > 0xdfff) letters.add(String.fromCodePoint(cp));
    // Each letter between two words: it either joins them (a letter) or separates them (anything else).
    const samples = [...letters].map((c) => `xx${c}yy`);
    const { rows } = await db.query<{ sample: string; folded: string }>(
      `SELECT s AS sample,
              array_to_string(ARRAY(SELECT w FROM regexp_split_to_table(lower(immutable_unaccent(s)), '[^a-z0-9]+') w
                                    WHERE length(w) > 1), ' ') AS folded
         FROM unnest($1::text[]) s`,
      [samples],
    );
    const disagreements = rows
      .map(({ sample, folded }) => ({ sample, db: folded, app: foldName(sample).join(' ') }))
      .filter((r) => r.db !== r.app);
    expect(rows).toHaveLength(samples.length);
    expect(disagreements).toEqual([]);
  });

  it('is the same for whole names in several scripts', async () => {
    const samples = [
      'Ɗan Ladi Ɓello',
      'Yıldız Aydın',
      'Strauß Þórsson',
      'Nguyễn Thị Ánh',
      'Łukasz Wałęsa',
      'José Pérez',
    ];
    const { rows } = await db.query<{ folded: string }>(
      `SELECT array_to_string(ARRAY(SELECT w FROM regexp_split_to_table(lower(immutable_unaccent(s)), '[^a-z0-9]+') w
                                    WHERE length(w) > 1), ' ') AS folded
         FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n`,
      [samples],
    );
    expect(rows.map((r) => r.folded)).toEqual(samples.map((s) => foldName(s).join(' ')));
    expect(rows[0].folded).toBe('dan ladi bello');
  });
});
