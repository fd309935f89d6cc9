import { EntityManager } from 'typeorm';

/**
 * Where PDF bytes live. PostgreSQL by default (one backup covers everything); an object-storage implementation
 * can be bound to DOCUMENT_STORAGE for scale. `put` receives the transaction that marks the document READY so
 * a database store commits both together; an external store writes first and is idempotent by document id.
 */
export interface DocumentStorage {
  put(manager: EntityManager, documentId: string, content: Buffer): Promise<void>;
  get(documentId: string): Promise<Buffer | null>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
