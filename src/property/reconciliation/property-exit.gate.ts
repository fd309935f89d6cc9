import { Injectable } from '@nestjs/common';
import { ExitGate, ExitGateContext, GateFailure } from '../../admissions/gates/exit-gate';
import { ExitGateRegistry } from '../../admissions/gates/exit-gate.registry';
import { ReconciliationService } from './reconciliation.service';

export const PROPERTY_NOT_RECONCILED = 'PROPERTY_NOT_RECONCILED';

/**
 * Release needs every item returned (or seized, disposed, or lost with a claim), cash at zero and an acknowledged
 * return receipt; transfer out needs everything handed over; arrival needs every seal discrepancy resolved.
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

  async check({ manager, stay, kind }: ExitGateContext): Promise<GateFailure[]> {
    const outstanding =
      kind === 'TRANSFER_IN'
        ? await this.reconciliation.openDiscrepancies(manager, stay.id)
        : await this.reconciliation.outstanding(manager, stay.id, kind);
    if (!outstanding.length) return [];
    return [
      {
        code: PROPERTY_NOT_RECONCILED,
        message: `Property is not reconciled: ${outstanding.join('; ')}`,
      },
    ];
  }
}
