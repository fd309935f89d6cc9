import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { DocumentsService } from '../documents/documents.service';
import { TransferStatus } from './entities/transfer.entity';

/**
 * The manifest printed for a transfer that will not happen (rejected, cancelled, or cancelled by the person's
 * exit) would still verify as authorising the move: it is revoked with the transfer, in its transaction.
 */
export function revokeTransferManifest(
  documents: DocumentsService,
  m: EntityManager,
  actor: Actor,
  stayId: string,
  status: TransferStatus,
): Promise<void> {
  return documents.revokeInTransaction(m, actor, {
    type: 'transfer-manifest',
    subjectId: stayId,
    reason: `Transfer ${status.toLowerCase()}`,
  });
}
