import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A manager's written reason for withdrawing a child's claim gets columns of its own. It was kept in
 * `override_reason`, the column of a placement override, and a child by date of birth whose claim was withdrawn
 * was then read as "placed in detention on an override" although the decision had placed them in a shelter:
 * the transfer gate let them be moved into a detention centre. An override reason is now allowed only where an
 * override placed a child in custody or detention (CHK_screenings_override_places_child).
 *
 * Rows written before: an override reason on a row that is not a child in an adult regime can only be a
 * withdrawal's, and moves to the new columns. A row that is both (a child by age whose claim was withdrawn and
 * who was placed in detention on the same reason) keeps it as the override; the withdrawal shows in the stay's
 * audit trail (`claimWithdrawalReason` in the screening's entry).
 */
export class ScreeningClaimWithdrawal1795550000000 implements MigrationInterface {
  name = 'ScreeningClaimWithdrawal1795550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD "claim_withdrawal_reason" text, ADD "claim_withdrawn_by_id" uuid`,
    );
    await queryRunner.query(
      `UPDATE "screenings"
          SET claim_withdrawal_reason = override_reason, claim_withdrawn_by_id = override_by_id,
              override_reason = NULL, override_by_id = NULL
        WHERE override_reason IS NOT NULL AND NOT (child AND placement IN ('custody', 'detention'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "CHK_screenings_claim_withdrawal"
         CHECK ((claim_withdrawal_reason IS NULL) = (claim_withdrawn_by_id IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "CHK_screenings_override_places_child"
         CHECK (override_reason IS NULL OR (child AND placement IN ('custody', 'detention')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "screenings" DROP CONSTRAINT "CHK_screenings_override_places_child"`,
    );
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "CHK_screenings_claim_withdrawal"`);
    await queryRunner.query(
      `UPDATE "screenings"
          SET override_reason = claim_withdrawal_reason, override_by_id = claim_withdrawn_by_id
        WHERE override_reason IS NULL AND claim_withdrawal_reason IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" DROP COLUMN "claim_withdrawn_by_id", DROP COLUMN "claim_withdrawal_reason"`,
    );
  }
}
