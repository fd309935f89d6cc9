import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the centre recorded the end of a stay, beside when it says the end happened (exited_at). An absconding or
 * a death may be recorded with an earlier time, which is the truth to keep; but the deadline for belongings left
 * behind runs from the recording, so that backdating an exit cannot shorten the time a person has to claim them.
 *
 * The database sets it, for every writer: when exited_at is first set, exit_recorded_at becomes the transaction's
 * time (or exited_at, if that is later), and no later write can move it earlier. Stays that ended before this
 * column existed take the later of their exit and their last change.
 */
export class StayExitRecordedAt1795500000000 implements MigrationInterface {
  name = 'StayExitRecordedAt1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stays" ADD "exit_recorded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "stays" SET "exit_recorded_at" = greatest("exited_at", "updated_at") WHERE "exited_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "stays" ADD CONSTRAINT "CHK_stays_exit_recorded"
         CHECK ((exited_at IS NULL) = (exit_recorded_at IS NULL) AND exit_recorded_at >= exited_at)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION stays_exit_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.exited_at IS NULL THEN
          NEW.exit_recorded_at := NULL;
        ELSIF TG_OP = 'INSERT' OR OLD.exited_at IS NULL THEN
          NEW.exit_recorded_at := greatest(now(), NEW.exited_at);
        ELSE
          NEW.exit_recorded_at := greatest(OLD.exit_recorded_at, NEW.exited_at);
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER stays_exit_recorded BEFORE INSERT OR UPDATE ON "stays"
         FOR EACH ROW EXECUTE FUNCTION stays_exit_recorded()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stays_exit_recorded ON "stays"`);
    await queryRunner.query(`DROP FUNCTION stays_exit_recorded()`);
    await queryRunner.query(`ALTER TABLE "stays" DROP CONSTRAINT "CHK_stays_exit_recorded"`);
    await queryRunner.query(`ALTER TABLE "stays" DROP COLUMN "exit_recorded_at"`);
  }
}
