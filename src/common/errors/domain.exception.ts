import { HttpStatus } from '@nestjs/common';
import type { AuditEntry } from '../../audit/audit.service';

export interface ErrorDetail {
  field?: string;
  code?: string;
  message: string;
}

/**
 * A rule of the domain was not met. Each subclass names its code and HTTP status in one place;
 * the global filter turns it into the common error shape.
 */
export abstract class DomainException extends Error {
  abstract readonly code: string;
  abstract readonly status: HttpStatus;
  /** The audit entry of this refusal, recorded by the exception filter once its transaction is over. */
  refusal?: AuditEntry;
  constructor(
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Marks the refusal to be audited, with outcome `denied`, after its transaction has rolled back. */
  audited(entry: Omit<AuditEntry, 'outcome'>): this {
    this.refusal = { ...entry, outcome: 'denied' };
    return this;
  }
}

export class NotFoundInScope extends DomainException {
  readonly code = 'NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor(entity: string) {
    super(`${entity} not found`);
  }
}

export class StaleVersion extends DomainException {
  readonly code = 'STALE_VERSION';
  readonly status = HttpStatus.CONFLICT;
  constructor(entity: string) {
    super(`${entity} was changed by someone else; reload it and try again`, [
      { field: 'version', message: 'does not match the current version' },
    ]);
  }
}

export class Conflict extends DomainException {
  readonly code: string;
  readonly status = HttpStatus.CONFLICT;
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(message, details);
    this.code = code;
  }
}

export class RuleViolation extends DomainException {
  readonly code: string;
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(message, details);
    this.code = code;
  }
}

/** A step that only a centre manager may authorise (a disposal, a loss report, a merge of two records...). */
export class ManagerAuthorisationRequired extends DomainException {
  readonly code = 'MANAGER_AUTHORISATION_REQUIRED';
  readonly status = HttpStatus.FORBIDDEN;
  constructor(what: string) {
    super(`${what} needs a centre manager's authorisation`);
  }
}
