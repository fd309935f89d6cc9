export enum ItemCategory {
  IdentityDocuments = 'identity_documents',
  PhoneElectronics = 'phone_electronics',
  JewelleryValuables = 'jewellery_valuables',
  Clothing = 'clothing',
  Medication = 'medication',
  Other = 'other',
}

export enum ItemStatus {
  Held = 'held',
  OutTemporarily = 'out_temporarily',
  Returned = 'returned',
  HandedOver = 'handed_over',
  Seized = 'seized',
  Disposed = 'disposed',
  Lost = 'lost',
}

/** The statuses of an item still in the centre's custody (in store, or out for a while and coming back). */
export const STILL_HELD: readonly ItemStatus[] = [ItemStatus.Held, ItemStatus.OutTemporarily];

export enum ItemMovementType {
  CheckedIn = 'checked_in',
  Moved = 'moved',
  TakenTemporarily = 'taken_temporarily',
  ReturnedTemporarily = 'returned_temporarily',
  ReturnedToPerson = 'returned_to_person',
  HandedOverTransfer = 'handed_over_transfer',
  Seized = 'seized',
  Disposed = 'disposed',
  Lost = 'lost',
  Damaged = 'damaged',
  Correction = 'correction',
}

export enum CashMovementType {
  Deposit = 'deposit',
  Withdrawal = 'withdrawal',
  ReturnedToPerson = 'returned_to_person',
  HandedOverTransfer = 'handed_over_transfer',
  ReceivedTransfer = 'received_transfer',
  Lost = 'lost',
  Seized = 'seized',
  Disposed = 'disposed',
  Correction = 'correction',
}

export enum BagStatus {
  Held = 'held',
  InTransit = 'in_transit',
  Released = 'released',
}

export enum ReceiptType {
  Intake = 'intake',
  Amendment = 'amendment',
  Return = 'return',
  Transfer = 'transfer',
}

export enum ClaimKind {
  Lost = 'lost',
  Damaged = 'damaged',
}

export enum DiscrepancyKind {
  UnknownSeal = 'unknown_seal',
  MissingSeal = 'missing_seal',
}

/** How a missing seal is settled: the bag turned up after all, or its contents are lost (a claim). */
export enum DiscrepancyOutcome {
  Found = 'found',
  Lost = 'lost',
}
