import { DocumentResponseDto } from './dto/document-response.dto';
import { DocumentRecord } from './entities/document.entity';

/** The number printed on the document: D- and six digits at least. */
export const documentNumber = (n: string | number): string => `D-${String(n).padStart(6, '0')}`;

export const toDocumentResponse = (d: DocumentRecord): DocumentResponseDto => ({
  id: d.id,
  number: documentNumber(d.number),
  type: d.type,
  subjectType: d.subjectType,
  subjectId: d.subjectId,
  centreId: d.centreId,
  language: d.language,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  sha256: d.sha256,
  sizeBytes: d.sizeBytes,
  pageCount: d.pageCount,
  requestedBy: d.requestedBy,
  requestedAt: d.requestedAt,
  readyAt: d.readyAt,
  updatedAt: d.updatedAt,
  revokedAt: d.revokedAt,
  revokedReason: d.revokedReason,
  version: d.version,
});
