import { EntityManager } from 'typeorm';
import { Amount } from '../rules/reconciliation';

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

/** An item `i` handed over for a transfer by movement `mv`, neither taken back nor received elsewhere. */
const ITEM_HANDOVER_IN_TRANSIT = `mv.type = 'handed_over_transfer' AND i.status = 'handed_over'
  AND NOT EXISTS (SELECT 1 FROM property_movements k WHERE k.corrects_movement_id = mv.id)
  AND NOT EXISTS (SELECT 1 FROM property_items t WHERE t.transferred_from_item_id = i.id)`;

/**
 * What a stay handed over for a transfer (to `receivingCentreId`, or to any centre) that has neither been taken
 * back into store (no correction points at the handover movement) nor received at another centre: it is with
 * the escort, in no store's custody.
 */
export async function handoverInTransit(
  m: EntityManager,
  stayId: string,
  receivingCentreId?: string,
): Promise<HandoverInTransit> {
  const to = (receiptId: string) =>
    receivingCentreId
      ? `AND EXISTS (SELECT 1 FROM property_receipts r WHERE r.id = ${receiptId} AND r.receiving_centre_id = $2)`
      : '';
  const params = receivingCentreId ? [stayId, receivingCentreId] : [stayId];
  const itemMoves: { id: string; item_id: string }[] = await m.query(
    `SELECT mv.id, mv.item_id FROM property_movements mv JOIN property_items i ON i.id = mv.item_id
     WHERE mv.stay_id = $1 AND ${ITEM_HANDOVER_IN_TRANSIT} ${to('mv.receipt_id')}`,
    params,
  );
  const cashMoves: { id: string }[] = await m.query(
    `SELECT c.id FROM cash_movements c
     WHERE c.stay_id = $1 AND ${CASH_HANDOVER_IN_TRANSIT} ${to('c.receipt_id')}`,
    params,
  );
  return { itemMoves, cashMoveIds: cashMoves.map((c) => c.id) };
}

/**
 * Locks a stay's handover movements until the transaction ends. The sending centre's reversal and the receiving
 * centre's arrival lock different stays, so both take these locks before reading what is in transit: the second
 * then sees what the first took (a handover is taken back or received, never both).
 */
export async function lockHandover(m: EntityManager, stayId: string): Promise<void> {
  await m.query(
    `SELECT id FROM property_movements WHERE stay_id = $1 AND type = 'handed_over_transfer' ORDER BY id FOR UPDATE`,
    [stayId],
  );
  await m.query(
    `SELECT id FROM cash_movements WHERE stay_id = $1 AND type = 'handed_over_transfer' ORDER BY id FOR UPDATE`,
    [stayId],
  );
}

export interface AwaitingArrival {
  items: string[];
  cash: Amount[];
}

const toAmounts = (rows: { currency: string; amount: string }[]): Amount[] =>
  rows.map((c) => ({ currency: c.currency, amountMinor: Number(c.amount) }));

/** Per currency, what a stay handed over for a transfer and has neither taken back nor seen received. */
export async function cashInTransit(m: EntityManager, stayId: string): Promise<Amount[]> {
  return toAmounts(
    await m.query(
      `SELECT c.currency, SUM(-c.amount_minor)::text AS amount FROM cash_movements c
       WHERE c.stay_id = $1 AND ${CASH_HANDOVER_IN_TRANSIT}
       GROUP BY c.currency ORDER BY c.currency`,
      [stayId],
    ),
  );
}

/**
 * What the person's other stays handed over to `centreId` and this stay has not received yet (no transfer-arrival
 * took it in). Items of a bag whose seal did not arrive are left out only while its missing-seal discrepancy is
 * open (that blocks the exits itself); settling it receives the items or records them lost, so an item still in
 * transit under a resolved discrepancy is listed again: it is never simply dropped.
 */
export async function awaitingArrival(
  m: EntityManager,
  stay: { id: string; personId: string; centreId: string },
): Promise<AwaitingArrival> {
  const items: { description: string }[] = await m.query(
    `SELECT i.description FROM property_movements mv
     JOIN property_items i ON i.id = mv.item_id
     JOIN property_receipts r ON r.id = mv.receipt_id AND r.receiving_centre_id = $2
     WHERE i.person_id = $1 AND mv.stay_id <> $3 AND ${ITEM_HANDOVER_IN_TRANSIT}
       AND NOT EXISTS (SELECT 1 FROM property_seal_discrepancies d
                       WHERE d.stay_id = $3 AND d.kind = 'missing_seal' AND d.bag_id = i.bag_id
                         AND d.resolved_at IS NULL)
     ORDER BY i.created_at, i.id`,
    [stay.personId, stay.centreId, stay.id],
  );
  const cash: { currency: string; amount: string }[] = await m.query(
    `SELECT c.currency, SUM(-c.amount_minor)::text AS amount FROM cash_movements c
     JOIN cash_accounts a ON a.id = c.account_id AND a.person_id = $1
     JOIN property_receipts r ON r.id = c.receipt_id AND r.receiving_centre_id = $2
     WHERE c.stay_id <> $3 AND ${CASH_HANDOVER_IN_TRANSIT}
     GROUP BY c.currency ORDER BY c.currency`,
    [stay.personId, stay.centreId, stay.id],
  );
  return {
    items: items.map((i) => i.description),
    cash: toAmounts(cash),
  };
}
