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

/**
 * Transfer receipts that still hand something to their receiving centre: an item handed over on them that is
 * neither taken back (corrected) nor lost since, or money handed over and not taken back. A receipt of claims
 * alone, or one whose only item was lost in transit, hands nothing over and binds no transfer to its centre.
 */
export async function transferReceiptsHandingOver(m: EntityManager, stayId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await m.query(
    `SELECT r.id FROM property_receipts r
     WHERE r.stay_id = $1 AND r.type = 'transfer'
       AND (EXISTS (SELECT 1 FROM property_movements mv JOIN property_items i ON i.id = mv.item_id
                     WHERE mv.receipt_id = r.id AND mv.type = 'handed_over_transfer' AND i.status <> 'lost'
                       AND NOT EXISTS (SELECT 1 FROM property_movements k WHERE k.corrects_movement_id = mv.id))
         OR EXISTS (SELECT 1 FROM cash_movements c
                     WHERE c.receipt_id = r.id AND c.type = 'handed_over_transfer'
                       AND NOT EXISTS (SELECT 1 FROM cash_movements k WHERE k.corrects_movement_id = c.id)))`,
    [stayId],
  );
  return new Set(rows.map((r) => r.id));
}
