import { formatMinor } from './money';

export type ItemStatus =
  'held' | 'out_temporarily' | 'returned' | 'handed_over' | 'seized' | 'disposed' | 'lost';

export type ReconcileKind = 'RELEASE' | 'TRANSFER_OUT';

export interface ItemState {
  description: string;
  status: ItemStatus;
  claimReference: string | null;
}

export interface ReceiptState {
  number: string;
  type: 'intake' | 'amendment' | 'return' | 'transfer';
  acknowledged: boolean;
  claimReferences: string[];
  /** Transfer receipts: the centre the property was handed over to. */
  receivingCentreId?: string | null;
  /** False for a transfer receipt that hands nothing over any more (claims alone, or its items lost since). */
  handsOver?: boolean;
}

export interface PropertyState {
  items: ItemState[];
  cash: { currency: string; balanceMinor: number }[];
  receipts: ReceiptState[];
  claimReferences: string[];
  /** Cash this stay handed over for a transfer, neither taken back into store nor received anywhere. */
  cashInTransit?: Amount[];
  /** Handed over to this stay's centre for this person by another stay, and not received here yet. */
  awaitingArrival?: { items: string[]; cash: Amount[] };
}

export interface Amount {
  currency: string;
  amountMinor: number;
}

/**
 * What still stands between a person and their exit, in words an officer can act on. Empty means reconciled.
 * Lost items pass once their loss is on record with a claim, so a missing item never keeps someone detained.
 */
export function outstandingProperty(
  state: PropertyState,
  kind: ReconcileKind,
  receivingCentreId?: string,
): string[] {
  const out: string[] = [];
  // An item given back to the person during the stay is with them: it neither blocks a release nor a transfer.
  const done: ItemStatus[] =
    kind === 'RELEASE'
      ? ['returned', 'seized', 'disposed']
      : ['handed_over', 'returned', 'seized', 'disposed'];
  for (const item of state.items) {
    if (done.includes(item.status)) continue;
    if (item.status === 'lost' && item.claimReference) continue;
    const where =
      item.status === 'out_temporarily'
        ? ' (taken out temporarily, not back)'
        : item.status === 'handed_over'
          ? ' (handed over for a transfer, not taken back)'
          : '';
    out.push(
      kind === 'RELEASE'
        ? `item "${item.description}" not returned${where}`
        : `item "${item.description}" not handed over${where}`,
    );
  }
  for (const c of state.cash) {
    if (c.balanceMinor !== 0) out.push(`cash ${formatMinor(c.balanceMinor, c.currency)} still held`);
  }
  // At release, money with the escort for a transfer that did not happen must first come back into store.
  if (kind === 'RELEASE') {
    for (const c of state.cashInTransit ?? []) {
      out.push(`cash ${formatMinor(c.amountMinor, c.currency)} handed over for a transfer, not taken back`);
    }
  }
  // Whatever another stay handed over to this centre must be received (transfer-arrival) before the person leaves.
  for (const description of state.awaitingArrival?.items ?? []) {
    out.push(`item "${description}" handed over to this centre, not yet received`);
  }
  for (const c of state.awaitingArrival?.cash ?? []) {
    out.push(`cash ${formatMinor(c.amountMinor, c.currency)} handed over to this centre, not yet received`);
  }
  for (const r of state.receipts) {
    if (!r.acknowledged) out.push(`receipt ${r.number} not acknowledged`);
  }
  // Whatever went back (or over) was listed on an exit receipt; it must be acknowledged. Seized or disposed
  // items, and cash spent by the person, leave nothing to hand back and need no exit receipt.
  const exitType = kind === 'RELEASE' ? 'return' : 'transfer';
  const exitStatus: ItemStatus = kind === 'RELEASE' ? 'returned' : 'handed_over';
  const exitReceipts = state.receipts.filter((r) => r.type === exitType && r.acknowledged);
  const needsExitReceipt =
    state.items.some((i) => i.status === exitStatus) ||
    state.claimReferences.length > 0 ||
    state.receipts.some((r) => r.type === exitType);
  if (needsExitReceipt && exitReceipts.length === 0) out.push(`no acknowledged ${exitType} receipt`);
  if (kind === 'TRANSFER_OUT' && receivingCentreId) {
    for (const r of state.receipts.filter(
      (x) => x.type === 'transfer' && x.handsOver !== false && x.receivingCentreId !== receivingCentreId,
    )) {
      out.push(`transfer receipt ${r.number} hands the property to another centre`);
    }
  }
  const given = new Set(exitReceipts.flatMap((r) => r.claimReferences));
  for (const ref of state.claimReferences) {
    if (!given.has(ref))
      out.push(`claim ${ref} not yet given to the person on an acknowledged ${exitType} receipt`);
  }
  return out;
}
