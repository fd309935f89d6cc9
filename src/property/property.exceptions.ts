import { HttpStatus } from '@nestjs/common';
import { DomainException, ErrorDetail } from '../common/errors/domain.exception';

/** The seal closes another bag that is still held or in transit. */
export class SealInUse extends DomainException {
  readonly code = 'SEAL_IN_USE';
  readonly status = HttpStatus.CONFLICT;
  constructor(seal: string, field = 'sealNumber') {
    super(`Seal ${seal} is already in use on another bag`, [{ field, message: `seal ${seal} is in use` }]);
  }
}

/** A withdrawal, return or loss larger than what is held in that currency. */
export class InsufficientCash extends DomainException {
  readonly code = 'INSUFFICIENT_CASH';
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor(currency: string, held: string, details: ErrorDetail[] = []) {
    super(`Only ${held} is held in ${currency}`, details);
  }
}

/** A receipt, once acknowledged, is a record: it is never changed. */
export class ReceiptImmutable extends DomainException {
  readonly code = 'RECEIPT_ALREADY_ACKNOWLEDGED';
  readonly status = HttpStatus.CONFLICT;
  constructor(number: string) {
    super(`Receipt ${number} is already acknowledged and cannot change`);
  }
}
