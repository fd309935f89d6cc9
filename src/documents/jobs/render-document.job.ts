/** The queue that renders documents, fed by the outbox. */
export const DOCUMENTS_QUEUE = 'documents';
export const RENDER_DOCUMENT_JOB = 'render-document';

export interface RenderDocumentPayload {
  documentId: string;
  /** Which request of this document the job serves: a retry is a new generation, and a new job. */
  generation: number;
}

/** Deterministic: the first request's job id is the document id, each retry adds its generation. */
export const renderJobId = (documentId: string, generation: number): string =>
  generation === 1 ? documentId : `${documentId}.r${generation}`;
