import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * fuzzystrmatch (PostgreSQL contrib, like pg_trgm and unaccent) for levenshtein_less_equal(): repeat-admission
 * matching finds the people born near a date whose names share a word, allowing one typo, in the database
 * (PersonsService.findAlikeBornNear) instead of comparing the first 500 people born near that date in the
 * application, which at scale missed the true match whenever it was not among them.
 */
export class NameMatchPrefilter1795460000000 implements MigrationInterface {
  name = 'NameMatchPrefilter1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS fuzzystrmatch`);
  }
}
