import { MigrationInterface, QueryRunner } from 'typeorm';

export class PropertyCore1795435196722 implements MigrationInterface {
  name = 'PropertyCore1795435196722';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cash_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "person_id" uuid NOT NULL, "currency" character(3) NOT NULL, "balance_minor" bigint NOT NULL DEFAULT '0', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cash_accounts_stay_currency" UNIQUE ("stay_id", "currency"), CONSTRAINT "CHK_cash_accounts_currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "CHK_cash_accounts_balance" CHECK (balance_minor >= 0), CONSTRAINT "PK_c10b1fd07d801b17fb333711b2b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."property_claim_kind" AS ENUM('lost', 'damaged')`);
    await queryRunner.query(
      `CREATE TABLE "property_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "reference" text NOT NULL, "kind" "public"."property_claim_kind" NOT NULL, "report" text NOT NULL, "item_ids" uuid array NOT NULL DEFAULT '{}', "cash" jsonb NOT NULL DEFAULT '[]', "opened_by" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_property_claims_reference" UNIQUE ("reference"), CONSTRAINT "PK_a34f1a3d4f8681b2280fede642d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_property_claims_stay" ON "property_claims"  ("stay_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."property_receipt_type" AS ENUM('intake', 'amendment', 'return', 'transfer')`,
    );
    await queryRunner.query(`CREATE TABLE "property_receipts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "person_id" uuid NOT NULL, "type" "public"."property_receipt_type" NOT NULL, "number" text NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "lines" jsonb NOT NULL, "snapshot" jsonb NOT NULL, "receiving_centre_id" uuid, "language" text NOT NULL DEFAULT 'es', "signature_sha256" text, "refused_to_sign" boolean NOT NULL DEFAULT false, "refusal_witness_id" uuid, "officer_ids" uuid array NOT NULL DEFAULT '{}', "acknowledged_at" TIMESTAMP WITH TIME ZONE, "document_id" uuid, "created_by" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_property_receipts_seq" UNIQUE ("centre_id", "year", "seq"), CONSTRAINT "UQ_property_receipts_number" UNIQUE ("number"), CONSTRAINT "CHK_property_receipts_ack" CHECK (acknowledged_at IS NULL OR (
     ((signature_sha256 IS NOT NULL AND NOT refused_to_sign AND refusal_witness_id IS NULL)
       OR (signature_sha256 IS NULL AND refused_to_sign AND refusal_witness_id IS NOT NULL))
     AND cardinality(officer_ids) >= 1)), CONSTRAINT "PK_0aef5694bcfab3b5cf367826b73" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_property_receipts_stay" ON "property_receipts"  ("stay_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."cash_movement_type" AS ENUM('deposit', 'withdrawal', 'returned_to_person', 'handed_over_transfer', 'received_transfer', 'lost', 'seized', 'disposed', 'correction')`,
    );
    await queryRunner.query(
      `CREATE TABLE "cash_movements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "type" "public"."cash_movement_type" NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "balance_after_minor" bigint NOT NULL, "denominations" jsonb, "purpose" text, "acknowledgement" jsonb, "authorised_by" uuid, "claim_id" uuid, "receipt_id" uuid, "corrects_movement_id" uuid, "transferred_from_movement_id" uuid, "actor_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "CHK_cash_movements_balance_after" CHECK (balance_after_minor >= 0), CONSTRAINT "CHK_cash_movements_amount" CHECK (amount_minor <> 0), CONSTRAINT "PK_25faead19e1ff74153a01604d37" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_cash_movements_transferred_from" ON "cash_movements"  ("transferred_from_movement_id") WHERE transferred_from_movement_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_cash_movements_corrects" ON "cash_movements"  ("corrects_movement_id") WHERE corrects_movement_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cash_movements_account" ON "cash_movements"  ("account_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."property_bag_status" AS ENUM('held', 'in_transit', 'released')`,
    );
    await queryRunner.query(
      `CREATE TABLE "property_bags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "person_id" uuid NOT NULL, "seal_number" text NOT NULL, "seal_normalised" text NOT NULL, "status" "public"."property_bag_status" NOT NULL DEFAULT 'held', "transfer_to_centre_id" uuid, "arrived_from_bag_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_property_bags_transit" CHECK (status <> 'in_transit' OR transfer_to_centre_id IS NOT NULL), CONSTRAINT "CHK_property_bags_seal_length" CHECK (length(seal_normalised) BETWEEN 1 AND 40), CONSTRAINT "CHK_property_bags_seal_normalised" CHECK (seal_normalised = upper(btrim(seal_number))), CONSTRAINT "PK_fccfc965c58adccd351a285582e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_property_bags_stay" ON "property_bags"  ("stay_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_property_bags_seal_in_use" ON "property_bags"  ("seal_normalised") WHERE status <> 'released'`,
    );
    await queryRunner.query(
      `CREATE TABLE "property_counters" ("centre_id" uuid NOT NULL, "year" integer NOT NULL, "series" text NOT NULL, "last_seq" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_property_counters_series" CHECK (series IN ('receipt', 'claim')), CONSTRAINT "PK_95f567144ad82ea1705c0c070e9" PRIMARY KEY ("centre_id", "year", "series"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."property_item_category" AS ENUM('identity_documents', 'phone_electronics', 'jewellery_valuables', 'clothing', 'medication', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."property_item_status" AS ENUM('held', 'out_temporarily', 'returned', 'handed_over', 'seized', 'disposed', 'lost')`,
    );
    await queryRunner.query(
      `CREATE TABLE "property_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "person_id" uuid NOT NULL, "category" "public"."property_item_category" NOT NULL, "description" text NOT NULL, "quantity" integer NOT NULL, "condition" text NOT NULL, "serial_number" text, "estimated_value_minor" bigint, "value_currency" character(3), "photo_ref" text, "storage_location" text NOT NULL, "bag_id" uuid, "status" "public"."property_item_status" NOT NULL DEFAULT 'held', "valuable" boolean NOT NULL DEFAULT false, "intake_witness_id" uuid, "return_witness_id" uuid, "seized_authority" text, "seized_reference" text, "disposal_authorised_by" uuid, "disposal_reason" text, "claim_id" uuid, "transferred_from_item_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_property_items_lost" CHECK (status <> 'lost' OR claim_id IS NOT NULL), CONSTRAINT "CHK_property_items_disposed" CHECK (status <> 'disposed' OR (disposal_authorised_by IS NOT NULL AND disposal_reason IS NOT NULL)), CONSTRAINT "CHK_property_items_seized" CHECK (status <> 'seized' OR (seized_authority IS NOT NULL AND seized_reference IS NOT NULL)), CONSTRAINT "CHK_property_items_valuable_witness" CHECK (NOT valuable OR intake_witness_id IS NOT NULL), CONSTRAINT "CHK_property_items_value" CHECK ((estimated_value_minor IS NULL) = (value_currency IS NULL) AND (estimated_value_minor IS NULL OR estimated_value_minor >= 0)), CONSTRAINT "CHK_property_items_quantity" CHECK (quantity BETWEEN 1 AND 10000), CONSTRAINT "PK_bb6c9214629716a67d416b4c602" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_property_items_transferred_from" ON "property_items"  ("transferred_from_item_id") WHERE transferred_from_item_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_property_items_stay" ON "property_items"  ("stay_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."property_movement_type" AS ENUM('checked_in', 'moved', 'taken_temporarily', 'returned_temporarily', 'returned_to_person', 'handed_over_transfer', 'seized', 'disposed', 'lost', 'damaged', 'correction')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."property_movement_item_status" AS ENUM('held', 'out_temporarily', 'returned', 'handed_over', 'seized', 'disposed', 'lost')`,
    );
    await queryRunner.query(
      `CREATE TABLE "property_movements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "type" "public"."property_movement_type" NOT NULL, "from_status" "public"."property_movement_item_status", "to_status" "public"."property_movement_item_status" NOT NULL, "from_location" text, "to_location" text NOT NULL, "reason" text, "authority" text, "reference" text, "authorised_by" uuid, "witness_id" uuid, "claim_id" uuid, "receipt_id" uuid, "corrects_movement_id" uuid, "actor_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_32877cd08a826ab7d3a9686bbf4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_property_movements_corrects" ON "property_movements"  ("corrects_movement_id") WHERE corrects_movement_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_property_movements_item" ON "property_movements"  ("item_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."property_discrepancy_kind" AS ENUM('unknown_seal', 'missing_seal')`,
    );
    await queryRunner.query(
      `CREATE TABLE "property_seal_discrepancies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "kind" "public"."property_discrepancy_kind" NOT NULL, "seal_number" text NOT NULL, "bag_id" uuid, "resolution" text, "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_property_seal_discrepancies_resolution" CHECK ((resolved_at IS NULL) = (resolution IS NULL) AND (resolved_at IS NULL) = (resolved_by IS NULL)), CONSTRAINT "PK_9b0fad630bb03afd78871fd90c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_property_seal_discrepancies_stay" ON "property_seal_discrepancies"  ("stay_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "property_unclaimed_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "stay_id" uuid NOT NULL, "forwarding_address" text NOT NULL, "channel" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef9cdd30df1cbc74014513d9d7a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_property_unclaimed_notices_stay" ON "property_unclaimed_notices"  ("stay_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_accounts" ADD CONSTRAINT "FK_d4a87cc4fc6bf8aa8fb1a8459b8" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_accounts" ADD CONSTRAINT "FK_d6f5475cdf7bb448d4e18a657e9" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_claims" ADD CONSTRAINT "FK_1c89f7a0673cd964061cf3b3e45" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_claims" ADD CONSTRAINT "FK_d12680f16ba44a7ee90b3076f01" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_receipts" ADD CONSTRAINT "FK_653f9a4567222ba7de7ce032b15" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_receipts" ADD CONSTRAINT "FK_48cfe98bc41a5727420689fd48c" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_movements" ADD CONSTRAINT "FK_47cd40cb054818e3fd75457841d" FOREIGN KEY ("account_id") REFERENCES "cash_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_movements" ADD CONSTRAINT "FK_51b824aa8c0746ec2c82a613578" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_movements" ADD CONSTRAINT "FK_e05394a2138c8313c837d7d4248" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_movements" ADD CONSTRAINT "FK_50f89dfec136b6bdfe0db7b5815" FOREIGN KEY ("claim_id") REFERENCES "property_claims"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cash_movements" ADD CONSTRAINT "FK_2473ee4888aa7052b7a0a1abcb0" FOREIGN KEY ("receipt_id") REFERENCES "property_receipts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_bags" ADD CONSTRAINT "FK_7dcdf682b6ed602e08d70b2e413" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_bags" ADD CONSTRAINT "FK_9080b193b53d7e3e005a3c745ab" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_items" ADD CONSTRAINT "FK_35be889834dccc42b92e473553b" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_items" ADD CONSTRAINT "FK_6201e1f74893ade26ca7c00765c" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_items" ADD CONSTRAINT "FK_15949c2fd6df8f9daa408e2e18c" FOREIGN KEY ("bag_id") REFERENCES "property_bags"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_items" ADD CONSTRAINT "FK_6b45105256feabb459a8b918d60" FOREIGN KEY ("claim_id") REFERENCES "property_claims"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" ADD CONSTRAINT "FK_00569534a5e843310abc4ca6347" FOREIGN KEY ("item_id") REFERENCES "property_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" ADD CONSTRAINT "FK_52879f81e7169c2e767375ca091" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" ADD CONSTRAINT "FK_bfce6b810104b58c3bce3d8a565" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" ADD CONSTRAINT "FK_8aebed1d3bc55d44bd65de8649f" FOREIGN KEY ("claim_id") REFERENCES "property_claims"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" ADD CONSTRAINT "FK_03baad10af5d9542454d0c04e2e" FOREIGN KEY ("receipt_id") REFERENCES "property_receipts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" ADD CONSTRAINT "FK_3f335c008332fc181162cbe8a57" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" ADD CONSTRAINT "FK_d9a456ca6f4a3467e8c6d79d03f" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" ADD CONSTRAINT "FK_e93552ed26780fd0b33f2f6e13f" FOREIGN KEY ("bag_id") REFERENCES "property_bags"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_unclaimed_notices" ADD CONSTRAINT "FK_616d105dc4811aed8abddf50afe" FOREIGN KEY ("centre_id") REFERENCES "centres"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_unclaimed_notices" ADD CONSTRAINT "FK_ff2ab5f49eb38059d549077a3ad" FOREIGN KEY ("stay_id") REFERENCES "stays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "property_unclaimed_notices" DROP CONSTRAINT "FK_ff2ab5f49eb38059d549077a3ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_unclaimed_notices" DROP CONSTRAINT "FK_616d105dc4811aed8abddf50afe"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" DROP CONSTRAINT "FK_e93552ed26780fd0b33f2f6e13f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" DROP CONSTRAINT "FK_d9a456ca6f4a3467e8c6d79d03f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_seal_discrepancies" DROP CONSTRAINT "FK_3f335c008332fc181162cbe8a57"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" DROP CONSTRAINT "FK_03baad10af5d9542454d0c04e2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" DROP CONSTRAINT "FK_8aebed1d3bc55d44bd65de8649f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" DROP CONSTRAINT "FK_bfce6b810104b58c3bce3d8a565"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" DROP CONSTRAINT "FK_52879f81e7169c2e767375ca091"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_movements" DROP CONSTRAINT "FK_00569534a5e843310abc4ca6347"`,
    );
    await queryRunner.query(`ALTER TABLE "property_items" DROP CONSTRAINT "FK_6b45105256feabb459a8b918d60"`);
    await queryRunner.query(`ALTER TABLE "property_items" DROP CONSTRAINT "FK_15949c2fd6df8f9daa408e2e18c"`);
    await queryRunner.query(`ALTER TABLE "property_items" DROP CONSTRAINT "FK_6201e1f74893ade26ca7c00765c"`);
    await queryRunner.query(`ALTER TABLE "property_items" DROP CONSTRAINT "FK_35be889834dccc42b92e473553b"`);
    await queryRunner.query(`ALTER TABLE "property_bags" DROP CONSTRAINT "FK_9080b193b53d7e3e005a3c745ab"`);
    await queryRunner.query(`ALTER TABLE "property_bags" DROP CONSTRAINT "FK_7dcdf682b6ed602e08d70b2e413"`);
    await queryRunner.query(`ALTER TABLE "cash_movements" DROP CONSTRAINT "FK_2473ee4888aa7052b7a0a1abcb0"`);
    await queryRunner.query(`ALTER TABLE "cash_movements" DROP CONSTRAINT "FK_50f89dfec136b6bdfe0db7b5815"`);
    await queryRunner.query(`ALTER TABLE "cash_movements" DROP CONSTRAINT "FK_e05394a2138c8313c837d7d4248"`);
    await queryRunner.query(`ALTER TABLE "cash_movements" DROP CONSTRAINT "FK_51b824aa8c0746ec2c82a613578"`);
    await queryRunner.query(`ALTER TABLE "cash_movements" DROP CONSTRAINT "FK_47cd40cb054818e3fd75457841d"`);
    await queryRunner.query(
      `ALTER TABLE "property_receipts" DROP CONSTRAINT "FK_48cfe98bc41a5727420689fd48c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "property_receipts" DROP CONSTRAINT "FK_653f9a4567222ba7de7ce032b15"`,
    );
    await queryRunner.query(`ALTER TABLE "property_claims" DROP CONSTRAINT "FK_d12680f16ba44a7ee90b3076f01"`);
    await queryRunner.query(`ALTER TABLE "property_claims" DROP CONSTRAINT "FK_1c89f7a0673cd964061cf3b3e45"`);
    await queryRunner.query(`ALTER TABLE "cash_accounts" DROP CONSTRAINT "FK_d6f5475cdf7bb448d4e18a657e9"`);
    await queryRunner.query(`ALTER TABLE "cash_accounts" DROP CONSTRAINT "FK_d4a87cc4fc6bf8aa8fb1a8459b8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_unclaimed_notices_stay"`);
    await queryRunner.query(`DROP TABLE "property_unclaimed_notices"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_seal_discrepancies_stay"`);
    await queryRunner.query(`DROP TABLE "property_seal_discrepancies"`);
    await queryRunner.query(`DROP TYPE "public"."property_discrepancy_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_movements_item"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_property_movements_corrects"`);
    await queryRunner.query(`DROP TABLE "property_movements"`);
    await queryRunner.query(`DROP TYPE "public"."property_movement_item_status"`);
    await queryRunner.query(`DROP TYPE "public"."property_movement_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_items_stay"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_property_items_transferred_from"`);
    await queryRunner.query(`DROP TABLE "property_items"`);
    await queryRunner.query(`DROP TYPE "public"."property_item_status"`);
    await queryRunner.query(`DROP TYPE "public"."property_item_category"`);
    await queryRunner.query(`DROP TABLE "property_counters"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_property_bags_seal_in_use"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_bags_stay"`);
    await queryRunner.query(`DROP TABLE "property_bags"`);
    await queryRunner.query(`DROP TYPE "public"."property_bag_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cash_movements_account"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_cash_movements_corrects"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_cash_movements_transferred_from"`);
    await queryRunner.query(`DROP TABLE "cash_movements"`);
    await queryRunner.query(`DROP TYPE "public"."cash_movement_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_receipts_stay"`);
    await queryRunner.query(`DROP TABLE "property_receipts"`);
    await queryRunner.query(`DROP TYPE "public"."property_receipt_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_property_claims_stay"`);
    await queryRunner.query(`DROP TABLE "property_claims"`);
    await queryRunner.query(`DROP TYPE "public"."property_claim_kind"`);
    await queryRunner.query(`DROP TABLE "cash_accounts"`);
  }
}
