import { EntityManager } from 'typeorm';

export interface HandoverInTransit {
  /** `handed_over_transfer` item movements, with the item each moved. */
  itemMoves: { id: string; item_id: string }[];
  /** `handed_over_transfer` cash movements. */
  cashMoveIds: string[];
}

/** A cash movement `c` that handed money over for a transfer, neither taken back nor received elsewhere. */
export const CASH_HANDOVER_IN_TRANSIT = `c.type = 'handed_over_transfer'
  AND NOT EXISTS (SELECT 1 FROM cash_movements k WHERE k.corrects_movement_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM cash_movements t WHERE t.transferred_from_movement_id = c.id)`;

/**
 * What a stay handed over for a transfer that has neither been taken back into store (no correction points at
 * the handover movement) nor received at another centre: it is with the escort, in no store's custody.
 */
export async function handoverInTransit(m: EntityManager, stayId: string): Promise<HandoverInTransit> {
  const itemMoves: { id: string; item_id: string }[] = await m.query(
    `SELECT mv.id, mv.item_id FROM property_movements mv
     JOIN property_items i ON i.id = mv.item_id AND i.status = 'handed_over'
     WHERE mv.stay_id = $1 AND mv.type = 'handed_over_transfer'
       AND NOT EXISTS (SELECT 1 FROM property_movements k WHERE k.corrects_movement_id = mv.id)
       AND NOT EXISTS (SELECT 1 FROM property_items t WHERE t.transferred_from_item_id = i.id)`,
    [stayId],
  );
  const cashMoves: { id: string }[] = await m.query(
    `SELECT c.id FROM cash_movements c WHERE c.stay_id = $1 AND ${CASH_HANDOVER_IN_TRANSIT}`,
    [stayId],
  );
  return { itemMoves, cashMoveIds: cashMoves.map((c) => c.id) };
}
