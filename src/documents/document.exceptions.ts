import { HttpStatus } from '@nestjs/common';
import { DomainException, ErrorDetail } from '../common/errors/domain.exception';
import { DocumentStatus } from './entities/document.entity';

export class UnknownDocumentType extends DomainException {
  readonly code = 'UNKNOWN_DOCUMENT_TYPE';
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor(type: string, known: string[]) {
    super(`There is no document type ${type}`, [
      { field: 'type', message: `must be one of: ${known.join(', ') || '(none registered)'}` },
    ]);
  }
}

export class UnsupportedDocumentLanguage extends DomainException {
  readonly code = 'UNSUPPORTED_LANGUAGE';
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor(type: string, language: string, supported: string[]) {
    super(`A ${type} cannot be printed in ${language}`, [
      { field: 'language', message: `must be one of: ${supported.join(', ')}` },
    ]);
  }
}

export class DocumentNotReady extends DomainException {
  readonly code = 'DOCUMENT_NOT_READY';
  readonly status = HttpStatus.CONFLICT;
  constructor(status: DocumentStatus) {
    super(`The document is ${status}, not READY`, [{ field: 'status', message: `is ${status}` }]);
  }
}

/**
 * A retry of a document that needs none: READY, or PENDING / RENDERING and still being worked on (a live queue
 * job, a job still in the outbox, or a change more recent than DOCUMENT_STUCK_AFTER_SECONDS). The details say
 * which, and when the document would count as stuck.
 */
export class DocumentNotRetryable extends DomainException {
  readonly code = 'DOCUMENT_NOT_RETRYABLE';
  readonly status = HttpStatus.CONFLICT;
  constructor(status: DocumentStatus, reason: string, details: ErrorDetail[] = []) {
    super(`The document is ${status} and cannot be retried: ${reason}`, [
      { field: 'status', message: `is ${status}` },
      ...details,
    ]);
  }
}

/** The queue could not be asked whether a document still has a job: nothing was changed, try again later. */
export class DocumentQueueUnavailable extends DomainException {
  readonly code = 'QUEUE_UNAVAILABLE';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor() {
    super('The document queue does not answer; retry shortly');
  }
}
