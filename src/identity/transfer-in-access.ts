import { EntityManager } from 'typeorm';

/**
 * The receiving centre of a transfer verifies the person before accepting (the TRANSFER_IN gate), while the
 * stay still belongs to the sending centre, which its staff cannot otherwise see. The admission module, which
 * owns transfers, answers which centre a stay is being transferred to by providing this token.
 */
export const TRANSFER_IN_ACCESS = Symbol('TRANSFER_IN_ACCESS');

export interface TransferInAccess {
  /** The receiving centre of the stay's pending transfer, or null when it has none. */
  receivingCentreOf(stayId: string, m?: EntityManager): Promise<string | null>;
}
