import { MigrationInterface, QueryRunner } from 'typeorm';

/** pgcrypto for gen_random_uuid(); pg_trgm and unaccent for accent- and typo-tolerant name search. */
export class Extensions1763900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS unaccent`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    await q.query(`DROP EXTENSION IF EXISTS pgcrypto`);
  }
}
