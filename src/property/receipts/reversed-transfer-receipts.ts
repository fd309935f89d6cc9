import { EntityManager } from 'typeorm';

/** What a stay's transfer receipt still does, from the handover movements (item and cash) made on it. */
export interface TransferReceiptState {
  /**
   * Its handover was taken back into store (PropertyTransfersService.reverseHandover): every handover movement
   * on it has a correction. It no longer counts for exits or manifests.
   */
  reversed: boolean;
  /**
   * It still hands something to its receiving centre: an item neither taken back nor lost since, or money not
   * taken back. A receipt of claims alone, or one whose only item was lost in transit, binds no transfer there.
   */
  handsOver: boolean;
}

/** The state of each transfer receipt of the stay, by receipt id (one query). */
export async function transferReceiptStates(
  m: EntityManager,
  stayId: string,
): Promise<Map<string, TransferReceiptState>> {
  const rows: { id: string; reversed: boolean; hands_over: boolean }[] = await m.query(
    `SELECT r.id,
            count(h.corrected) > 0 AND bool_and(h.corrected) AS reversed,
            coalesce(bool_or(NOT h.corrected AND NOT h.lost), false) AS hands_over
       FROM property_receipts r
       LEFT JOIN LATERAL (
         SELECT EXISTS (SELECT 1 FROM property_movements k WHERE k.corrects_movement_id = mv.id) AS corrected,
                i.status = 'lost' AS lost
           FROM property_movements mv JOIN property_items i ON i.id = mv.item_id
          WHERE mv.receipt_id = r.id AND mv.type = 'handed_over_transfer'
         UNION ALL
         SELECT EXISTS (SELECT 1 FROM cash_movements k WHERE k.corrects_movement_id = c.id), false
           FROM cash_movements c
          WHERE c.receipt_id = r.id AND c.type = 'handed_over_transfer'
       ) h ON true
      WHERE r.stay_id = $1 AND r.type = 'transfer'
      GROUP BY r.id`,
    [stayId],
  );
  return new Map(rows.map((r) => [r.id, { reversed: r.reversed, handsOver: r.hands_over }]));
}

/** The stay's transfer receipts whose handover was taken back into store (see TransferReceiptState). */
export async function reversedTransferReceipts(m: EntityManager, stayId: string): Promise<Set<string>> {
  const states = await transferReceiptStates(m, stayId);
  return new Set([...states].filter(([, s]) => s.reversed).map(([id]) => id));
}
