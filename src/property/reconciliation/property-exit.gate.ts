import { Injectable } from '@nestjs/common';
import { ExitGate, ExitGateContext, GateFailure } from '../../admissions/gates/exit-gate';
import { ExitGateRegistry } from '../../admissions/gates/exit-gate.registry';
import { ReconciliationService } from './reconciliation.service';

export const PROPERTY_NOT_RECONCILED = 'PROPERTY_NOT_RECONCILED';

/**
 * Release needs every item returned (or seized, disposed, or lost with a claim), cash at zero and an acknowledged
 * return receipt; a transfer needs everything handed over to the receiving centre on an acknowledged receipt.
 */
@Injectable()
export class PropertyExitGate implements ExitGate {
  readonly name = 'property.reconciled';

  constructor(
    registry: ExitGateRegistry,
    private readonly reconciliation: ReconciliationService,
  ) {
    registry.register(this);
  }

  async check({ manager, stay, kind, receivingCentreId }: ExitGateContext): Promise<GateFailure[]> {
    // TRANSFER_IN runs on the sending stay when the receiving centre accepts: the handover must still be
    // complete and addressed to that centre. Seals are checked after arrival, on the new stay, and an
    // unresolved discrepancy then blocks that stay's own exits.
    const outstanding = await this.reconciliation.outstanding(
      manager,
      stay.id,
      kind === 'RELEASE' ? 'RELEASE' : 'TRANSFER_OUT',
      receivingCentreId,
    );
    if (!outstanding.length) return [];
    return [
      {
        code: PROPERTY_NOT_RECONCILED,
        message: `Property is not reconciled: ${outstanding.join('; ')}`,
      },
    ];
  }
}
