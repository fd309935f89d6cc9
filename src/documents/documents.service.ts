import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, canSeeCentre, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { NotFoundInScope } from '../common/errors/domain.exception';
import { insertEntity } from '../common/persistence/insert-entity';
import { send, together } from '../common/persistence/pipeline';
import { updateVersioned } from '../common/persistence/versioned-update';
import { documentsConfig, DocumentsConfig } from '../config/documents.config';
import { OutboxService } from '../outbox/outbox.service';
import { DocumentRecoveryService } from './document-recovery.service';
import {
  DocumentNotReady,
  DocumentNotRetryable,
  UnknownDocumentType,
  UnsupportedDocumentLanguage,
} from './document.exceptions';
import { documentNumber } from './document.mapper';
import { DocumentQueryDto } from './dto/document-query.dto';
import { RequestDocumentDto } from './dto/request-document.dto';
import { DocumentRecord, DocumentStatus } from './entities/document.entity';
import {
  DOCUMENTS_QUEUE,
  RENDER_DOCUMENT_JOB,
  RenderDocumentPayload,
  renderJobId,
} from './jobs/render-document.job';
import { languagesOf } from './rendering/document-renderer';
import { DOCUMENT_STORAGE, DocumentStorage } from './storage/document-storage';
import { SubjectScope } from './types/document-type';
import { DocumentTypeRegistry } from './types/document-type.registry';

export interface DocumentRequest {
  type: string;
  subjectId: string;
  language?: string;
  /**
   * The subject's centre and language, from a caller that has just written the subject in the same
   * transaction (an admission and its admission record): spares looking it up again. Never from a client.
   */
  subject?: SubjectScope;
}

export interface DocumentDownload {
  notModified: boolean;
  etag: string;
  filename: string;
  content: Buffer | null;
}

const LIST_LIMIT = 200;

/** Asking for documents, reading them, and downloading their PDFs, with centre scope and audit. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DocumentTypeRegistry,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly recovery: DocumentRecoveryService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(documentsConfig.KEY) private readonly config: DocumentsConfig,
  ) {}

  /**
   * For domain actions (admission, release, transfer...): the document row, its audit entry and its queue job
   * are written in the caller's transaction, so the document exists if and only if the action committed.
   * `actor` null means the system asked; otherwise the actor must see the subject's centre. With `subject`
   * given, the three writes are sent before this returns (see send), so a caller may send its own after them
   * without waiting; without it, the subject is looked up first.
   */
  async requestInTransaction(
    manager: EntityManager,
    actor: Actor | null,
    request: DocumentRequest,
  ): Promise<DocumentRecord> {
    const definition = this.registry.get(request.type);
    if (!definition)
      throw new UnknownDocumentType(
        request.type,
        this.registry.list().map((d) => d.type),
      );
    const subject = request.subject ?? (await definition.locate(manager, request.subjectId));
    if (!subject || (actor && !canSeeCentre(actor, subject.centreId))) {
      throw new NotFoundInScope(definition.subjectType);
    }
    const language = this.chooseLanguage(request, languagesOf(definition.template), subject.language);
    // The row, its queue job and its audit entry are sent together (see send): one round trip, not three.
    const id = randomUUID();
    const [document] = await together([
      insertEntity(manager, DocumentRecord, {
        id,
        type: definition.type,
        subjectType: definition.subjectType,
        subjectId: request.subjectId,
        centreId: subject.centreId,
        language,
        status: DocumentStatus.Pending,
        generation: 1,
        requestedBy: actor?.id ?? null,
      }),
      this.enqueue(manager, { id, generation: 1 }),
      this.audit.record(manager, actor, {
        action: 'document.request',
        entityType: 'document',
        entityId: id,
        centreId: subject.centreId,
        details: {
          type: definition.type,
          subjectType: definition.subjectType,
          subjectId: request.subjectId,
          language,
        },
      }),
    ]);
    return document;
  }

  request(actor: Actor, dto: RequestDocumentDto): Promise<DocumentRecord> {
    const { type, subjectId, language } = dto;
    return this.dataSource.transaction((m) =>
      this.requestInTransaction(m, actor, { type, subjectId, language }),
    );
  }

  /**
   * Revokes, inside the caller's transaction, the documents of one type about one subject that still stand:
   * they stay on record, and the public check answers `valid: false` with the reason. Transfers revoke the
   * manifest of a transfer cancelled or rejected, which would otherwise still verify as authorising the move.
   */
  async revokeInTransaction(
    m: EntityManager,
    actor: Actor | null,
    revocation: { type: string; subjectId: string; reason: string },
  ): Promise<void> {
    const revoked = await send<{ id: string; centre_id: string }>(
      m,
      `UPDATE documents SET revoked_at = now(), revoked_reason = $3, version = version + 1,
         updated_at = now()
       WHERE type = $1 AND subject_id = $2 AND revoked_at IS NULL RETURNING id, centre_id`,
      [revocation.type, revocation.subjectId, revocation.reason],
    );
    for (const d of revoked) {
      await this.audit.record(m, actor, {
        action: 'document.revoke',
        entityType: 'document',
        entityId: d.id,
        centreId: d.centre_id,
        details: { type: revocation.type, subjectId: revocation.subjectId, reason: revocation.reason },
      });
    }
  }

  async get(actor: Actor, id: string): Promise<DocumentRecord> {
    const document = await this.dataSource.getRepository(DocumentRecord).findOneBy({ id });
    if (!document || !canSeeCentre(actor, document.centreId)) throw new NotFoundInScope('Document');
    return document;
  }

  list(actor: Actor, query: DocumentQueryDto): Promise<DocumentRecord[]> {
    return this.dataSource.getRepository(DocumentRecord).find({
      where: {
        subjectId: query.subjectId,
        ...(query.type ? { type: query.type } : {}),
        ...(hasRole(actor, Role.Admin) ? {} : { centreId: In(actor.centreIds) }),
      },
      order: { requestedAt: 'DESC' },
      take: LIST_LIMIT,
    });
  }

  /** The PDF, or "not modified" when the caller's copy has the same SHA-256. Every download is audited. */
  async download(actor: Actor, id: string, ifNoneMatch: string | undefined): Promise<DocumentDownload> {
    const document = await this.get(actor, id);
    if (document.status !== DocumentStatus.Ready || !document.sha256)
      throw new DocumentNotReady(document.status);
    const etag = `"${document.sha256}"`;
    const notModified = matchesEtag(ifNoneMatch, document.sha256);
    await this.audit.recordAlone(actor, {
      action: 'document.download',
      entityType: 'document',
      entityId: document.id,
      centreId: document.centreId,
      details: { type: document.type, subjectId: document.subjectId, notModified },
    });
    const filename = `${document.type}-${documentNumber(document.number)}.pdf`;
    if (notModified) return { notModified, etag, filename, content: null };
    const content = await this.storage.get(document.id);
    if (!content) throw new NotFoundInScope('Document file');
    return { notModified, etag, filename, content };
  }

  /**
   * A FAILED document, or a stuck one (PENDING or RENDERING with nothing left to finish it, see
   * DocumentRecoveryService), goes back to the queue as a new generation: its own job id, and the worker skips
   * any job of an older one. The row lock makes concurrent retries take turns: the second finds the document
   * PENDING and just changed, and is refused.
   */
  async retry(actor: Actor, id: string): Promise<DocumentRecord> {
    return this.dataSource.transaction(async (m) => {
      const document = await m.findOne(DocumentRecord, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!document || !canSeeCentre(actor, document.centreId)) throw new NotFoundInScope('Document');
      const previousStatus = document.status;
      let jobState: string | null = null;
      if (previousStatus === DocumentStatus.Ready) {
        throw new DocumentNotRetryable(previousStatus, 'there is nothing to retry; download it');
      } else if (document.revokedAt) {
        // Withdrawn (the transfer it was for was rejected or cancelled): it must not come back READY.
        throw new DocumentNotRetryable(previousStatus, 'it was revoked', [
          { field: 'revokedAt', message: `revoked at ${document.revokedAt.toISOString()}` },
        ]);
      } else if (previousStatus !== DocumentStatus.Failed) {
        jobState = await this.recovery.stuckJobState(m, document);
      }
      const generation = document.generation + 1;
      await updateVersioned(
        m,
        DocumentRecord,
        id,
        document.version,
        { status: DocumentStatus.Pending, generation },
        'Document',
      );
      await this.audit.record(m, actor, {
        action: 'document.retry',
        entityType: 'document',
        entityId: id,
        centreId: document.centreId,
        details: {
          type: document.type,
          generation,
          previousStatus,
          // A stuck document: what the queue said of its job (unknown: Redis has none).
          ...(jobState ? { jobState } : {}),
        },
      });
      await this.enqueue(m, { id, generation });
      // Read back: the answer shows the row as written (its version and updatedAt too), not a guess at it.
      return m.findOneByOrFail(DocumentRecord, { id });
    });
  }

  private async enqueue(
    manager: EntityManager,
    document: Pick<DocumentRecord, 'id' | 'generation'>,
  ): Promise<void> {
    const payload: RenderDocumentPayload = { documentId: document.id, generation: document.generation };
    await this.outbox.enqueue(manager, {
      queue: DOCUMENTS_QUEUE,
      jobName: RENDER_DOCUMENT_JOB,
      jobId: renderJobId(document.id, document.generation),
      payload: { ...payload },
    });
  }

  private chooseLanguage(
    request: DocumentRequest,
    supported: string[],
    personLanguage: string | null,
  ): string {
    if (request.language) {
      if (!supported.includes(request.language)) {
        throw new UnsupportedDocumentLanguage(request.type, request.language, supported);
      }
      return request.language;
    }
    // "es-MX" and "es" both mean Spanish wording.
    const preferred = personLanguage?.toLowerCase().split(/[-_]/)[0];
    for (const candidate of [preferred, this.config.defaultLanguage]) {
      if (candidate && supported.includes(candidate)) return candidate;
    }
    return supported[0];
  }
}

function matchesEtag(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, '').replace(/"/g, ''))
    .includes(sha256);
}
