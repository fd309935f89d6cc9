import { Injectable, Logger } from '@nestjs/common';
import { ExitGate, ExitGateContext, GateFailure } from './exit-gate';

/**
 * Every module that can block an exit (identity, property, care, admissions itself) registers its gate here
 * from its constructor or onModuleInit, so adding a gate never touches the admissions code.
 */
@Injectable()
export class ExitGateRegistry {
  private readonly logger = new Logger(ExitGateRegistry.name);
  private readonly gates = new Map<string, ExitGate>();

  register(gate: ExitGate): void {
    if (this.gates.has(gate.name)) {
      // Re-registration (a provider built twice in tests) must not run the same check twice.
      this.logger.warn(`Exit gate ${gate.name} registered again; replacing it`);
    }
    this.gates.set(gate.name, gate);
  }

  get names(): string[] {
    return [...this.gates.keys()];
  }

  /** Runs every gate (sequentially: they share one transaction's connection) and returns all failures. */
  async evaluate(ctx: ExitGateContext): Promise<GateFailure[]> {
    const failures: GateFailure[] = [];
    for (const gate of this.gates.values()) failures.push(...(await gate.check(ctx)));
    return failures;
  }
}
