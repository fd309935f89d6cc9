import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
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

export class DocumentNotFailed extends DomainException {
  readonly code = 'DOCUMENT_NOT_FAILED';
  readonly status = HttpStatus.CONFLICT;
  constructor(status: DocumentStatus) {
    super(`Only a FAILED document can be retried; this one is ${status}`, [
      { field: 'status', message: `is ${status}` },
    ]);
  }
}
