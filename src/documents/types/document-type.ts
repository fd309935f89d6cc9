import { EntityManager } from 'typeorm';
import { DocumentTemplate } from '../../../templates/document-template';

/** Whose centre a subject belongs to, and the language its person prefers (if any). */
export interface SubjectScope {
  centreId: string;
  language: string | null;
}

/** The person a document is about, as far as the public check shows them (see DocumentVerificationService). */
export interface DocumentHolder {
  givenNames: string;
  familyNames: string;
  dateOfBirth: string | null;
}

/**
 * One kind of document. A module that owns a subject registers its types (usually in onModuleInit) with
 * functions built on its own services; the layout and wording live in templates/<type>.ts.
 */
export interface DocumentTypeDefinition<ViewModel = unknown> {
  /** kebab-case, e.g. admission-record */
  type: string;
  /** What subjectId points at, e.g. stay */
  subjectType: string;
  /**
   * At request time, inside the requesting transaction: the subject's centre and language, null when it does
   * not exist; throws a RuleViolation when the subject cannot have this document (yet). Read only through
   * `manager`: the caller's transaction may hold locks that other connections would wait for.
   */
  locate(manager: EntityManager, subjectId: string): Promise<SubjectScope | null>;
  /** At render time, outside any transaction: everything the template prints. Null when the subject is gone. */
  load(manager: EntityManager, subjectId: string): Promise<ViewModel | null>;
  /**
   * The person the paper names, for documents about a person: the public check shows their initials and year
   * of birth, so that a genuine QR code copied onto a paper about someone else does not pass unnoticed.
   */
  holder?(manager: EntityManager, subjectId: string): Promise<DocumentHolder | null>;
  template: DocumentTemplate<ViewModel>;
}
