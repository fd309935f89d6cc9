import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { GateFailure } from './gates/exit-gate';

/** A release or transfer refused by one or more exit gates; every failed gate is listed. */
export class ExitBlocked extends DomainException {
  readonly code = 'EXIT_BLOCKED';
  readonly status = HttpStatus.CONFLICT;
  constructor(failures: GateFailure[]) {
    super(
      `The exit is blocked by ${failures.length} gate(s): ${failures.map((f) => f.code).join(', ')}`,
      failures.map((f) => ({ code: f.code, message: f.message })),
    );
  }
}
