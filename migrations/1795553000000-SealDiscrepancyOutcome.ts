import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A seal discrepancy keeps how it was settled: `found` (the bag turned up and was taken in on a receipt) or
 * `lost` (its items are on a claim of the receiving stay). The outcome was only in the resolution's audit
 * entry, so the stay's property overview showed a missing seal resolved without saying whether the person's
 * belongings were found. Rows resolved before take the outcome of their last resolution's audit entry (null for
 * one resolved with words alone, as before outcomes existed).
 */
export class SealDiscrepancyOutcome1795553000000 implements MigrationInterface {
  name = 'SealDiscrepancyOutcome1795553000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "property_discrepancy_outcome" AS ENUM ('found', 'lost')`);
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" ADD "outcome" "property_discrepancy_outcome"`,
    );
    await queryRunner.query(
      `UPDATE "property_seal_discrepancies" d
          SET outcome = (SELECT (e.details ->> 'outcome')::property_discrepancy_outcome
                           FROM audit_events e
                          WHERE e.entity_type = 'property_seal_discrepancy' AND lower(e.entity_id) = d.id::text
                            AND e.action = 'property.seal_discrepancy.resolve'
                          ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1)
        WHERE d.resolved_at IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" ADD CONSTRAINT "CHK_property_seal_discrepancies_outcome"
         CHECK (outcome IS NULL OR (resolved_at IS NOT NULL AND kind = 'missing_seal'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" DROP CONSTRAINT "CHK_property_seal_discrepancies_outcome"`,
    );
    await queryRunner.query(`ALTER TABLE "property_seal_discrepancies" DROP COLUMN "outcome"`);
    await queryRunner.query(`DROP TYPE "property_discrepancy_outcome"`);
  }
}
