import { Injectable } from '@nestjs/common';
import { ExitGate, ExitGateContext, GateFailure } from './exit-gate';
import { ExitGateRegistry } from './exit-gate.registry';

/** Release and transfer out need a recorded legal basis and an authorising centre manager. */
@Injectable()
export class LegalBasisGate implements ExitGate {
  readonly name = 'admissions.legal-basis';

  constructor(registry: ExitGateRegistry) {
    registry.register(this);
  }

  check({ stay, kind }: ExitGateContext): Promise<GateFailure[]> {
    if (kind === 'TRANSFER_IN') return Promise.resolve([]);
    const failures: GateFailure[] = [];
    if (!stay.exitLegalBasis?.trim()) {
      failures.push({ code: 'LEGAL_BASIS_MISSING', message: 'No legal basis is recorded for this exit' });
    }
    if (!stay.exitAuthorisedById) {
      failures.push({
        code: 'AUTHORISING_MANAGER_MISSING',
        message: 'No centre manager has authorised this exit',
      });
    }
    return Promise.resolve(failures);
  }
}
