import { EntityManager } from 'typeorm';
import { DocumentTemplate } from '../../../templates/document-template';

/** What a document type reads about its subject: whose centre it is, the person's language, the view model. */
export interface LoadedSubject<ViewModel> {
  centreId: string;
  /** The person's preferred language, when the subject has one. */
  language: string | null;
  viewModel: ViewModel;
}

/**
 * One kind of document. A module that owns a subject registers its types (usually in onModuleInit) with a
 * loader built on its own services; the layout and wording live in templates/<type>.ts.
 */
export interface DocumentTypeDefinition<ViewModel = unknown> {
  /** kebab-case, e.g. admission-record */
  type: string;
  /** What subjectId points at, e.g. stay */
  subjectType: string;
  /** Reads the subject (null when it does not exist), inside the given transaction when there is one. */
  load(manager: EntityManager, subjectId: string): Promise<LoadedSubject<ViewModel> | null>;
  template: DocumentTemplate<ViewModel>;
}
