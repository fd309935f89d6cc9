import { EntityManager } from 'typeorm';

/**
 * Transfer receipts whose handover was taken back into store (PropertyTransfersService.reverseHandover): every
 * handover movement on them, item or cash, has a correction. They no longer count for exits or manifests.
 */
export async function reversedTransferReceipts(m: EntityManager, stayId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await m.query(
    `SELECT r.id FROM property_receipts r
     WHERE r.stay_id = $1 AND r.type = 'transfer'
       AND (EXISTS (SELECT 1 FROM property_movements mv WHERE mv.receipt_id = r.id AND mv.type = 'handed_over_transfer')
         OR EXISTS (SELECT 1 FROM cash_movements c WHERE c.receipt_id = r.id AND c.type = 'handed_over_transfer'))
       AND NOT EXISTS (SELECT 1 FROM property_movements mv WHERE mv.receipt_id = r.id AND mv.type = 'handed_over_transfer'
         AND NOT EXISTS (SELECT 1 FROM property_movements k WHERE k.corrects_movement_id = mv.id))
       AND NOT EXISTS (SELECT 1 FROM cash_movements c WHERE c.receipt_id = r.id AND c.type = 'handed_over_transfer'
         AND NOT EXISTS (SELECT 1 FROM cash_movements k WHERE k.corrects_movement_id = c.id))`,
    [stayId],
  );
  return new Set(rows.map((r) => r.id));
}
