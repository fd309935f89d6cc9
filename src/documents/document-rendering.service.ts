import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { DocumentVerificationService } from './document-verification.service';
import { documentNumber } from './document.mapper';
import { DocumentRecord, DocumentStatus } from './entities/document.entity';
import { DocumentRenderer } from './rendering/document-renderer';
import { DOCUMENT_STORAGE, DocumentStorage } from './storage/document-storage';
import { DocumentTypeRegistry } from './types/document-type.registry';

export type RenderOutcome = 'rendered' | 'skipped';

export interface AttemptInfo {
  /** True when a failure now is final (last attempt): the document becomes FAILED. */
  lastAttempt: boolean;
}

/**
 * The worker's side: claims a document, renders it from its subject, stores the bytes and marks it READY.
 * Safe to run twice for the same job (a recovered stalled job, a re-sent outbox row): a READY document, or a
 * job of an older generation, is left alone, and only the first finished render is kept.
 */
@Injectable()
export class DocumentRenderingService {
  private readonly logger = new Logger(DocumentRenderingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DocumentTypeRegistry,
    private readonly renderer: DocumentRenderer,
    private readonly verification: DocumentVerificationService,
    private readonly centres: CentresService,
    private readonly audit: AuditService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async process(documentId: string, generation: number, attempt: AttemptInfo): Promise<RenderOutcome> {
    const claimed = await this.dataSource.transaction(async (m) => {
      const document = await this.lockCurrent(m, documentId, generation);
      if (!document) return null;
      await m.update(DocumentRecord, document.id, {
        status: DocumentStatus.Rendering,
        attempts: () => 'attempts + 1',
        version: () => 'version + 1',
      });
      return document;
    });
    if (!claimed) return 'skipped';

    try {
      const { pdf, pageCount } = await this.render(claimed);
      return await this.dataSource.transaction(async (m) => {
        // Another worker may have finished the same document meanwhile: the first READY stays.
        const document = await this.lockCurrent(m, documentId, generation);
        if (!document) return 'skipped';
        const sha256 = createHash('sha256').update(pdf).digest('hex');
        await this.storage.put(m, document.id, pdf);
        await m.update(DocumentRecord, document.id, {
          status: DocumentStatus.Ready,
          sha256,
          sizeBytes: pdf.length,
          pageCount,
          readyAt: () => 'clock_timestamp()',
          lastError: null,
          version: () => 'version + 1',
        });
        // System events go on the global chain, not the centre's (whose entries are the staff's own actions);
        // the centre is in the details.
        await this.audit.record(m, null, {
          action: 'document.ready',
          entityType: 'document',
          entityId: document.id,
          details: { centreId: document.centreId, type: document.type, sha256, pages: pageCount },
        });
        return 'rendered' as const;
      });
    } catch (err) {
      await this.recordFailure(documentId, generation, err as Error, attempt.lastAttempt);
      throw err;
    }
  }

  /**
   * The queue gave up on a job without our processor recording why: BullMQ fails a job that stalled more than
   * its limit (its worker died each time) without calling the processor. The document becomes FAILED with the
   * queue's reason, so that it can be retried. Nothing happens when the processor already recorded the failure,
   * or the document is READY or has moved on to a newer generation.
   */
  async recordQueueFailure(documentId: string, generation: number, err: Error): Promise<void> {
    await this.recordFailure(documentId, generation, err, true);
  }

  private async render(document: DocumentRecord) {
    const definition = this.registry.get(document.type);
    if (!definition) throw new UnrecoverableError(`document type ${document.type} is not registered here`);
    const viewModel = await definition.load(this.dataSource.manager, document.subjectId);
    if (!viewModel) {
      throw new UnrecoverableError(`${document.subjectType} ${document.subjectId} does not exist`);
    }
    const centre = await this.centres.findById(document.centreId);
    if (!centre) throw new UnrecoverableError(`centre ${document.centreId} does not exist`);
    return this.renderer.render({
      template: definition.template,
      viewModel,
      language: document.language,
      documentNumber: documentNumber(document.number),
      centreName: centre.name,
      timeZone: centre.timeZone,
      issuedAt: new Date(),
      verifyUrl: this.verification.verifyUrl(document.id),
      verifyBase: this.verification.verifyBase(),
    });
  }

  /** The document if this job may still work on it: not READY, and the job serves its current generation. */
  private async lockCurrent(
    m: EntityManager,
    id: string,
    generation: number,
  ): Promise<DocumentRecord | null> {
    const document = await m.findOne(DocumentRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!document || document.status === DocumentStatus.Ready || document.generation !== generation)
      return null;
    return document;
  }

  private async recordFailure(
    id: string,
    generation: number,
    err: Error,
    lastAttempt: boolean,
  ): Promise<void> {
    const final = lastAttempt || err instanceof UnrecoverableError;
    // The message names what failed (a type, a missing subject, a render error), never personal data.
    const message = (err.message || err.name).slice(0, 500);
    this.logger.warn(`document ${id} render failed${final ? ' (final)' : ''}: ${message}`);
    await this.dataSource.transaction(async (m) => {
      const document = await this.lockCurrent(m, id, generation);
      // FAILED already: the processor recorded this failure, and the queue's failed event reports it again.
      if (!document || document.status === DocumentStatus.Failed) return;
      await m.update(DocumentRecord, id, {
        status: final ? DocumentStatus.Failed : DocumentStatus.Pending,
        lastError: message,
        version: () => 'version + 1',
      });
      if (final) {
        await this.audit.record(m, null, {
          action: 'document.failed',
          entityType: 'document',
          entityId: id,
          outcome: 'failure',
          details: { centreId: document.centreId, type: document.type, error: message },
        });
      }
    });
  }
}
