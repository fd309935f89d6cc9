import { Inject, MiddlewareConsumer, Module, NestModule, OnModuleInit, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NextFunction, raw, Request, Response } from 'express';
import { bodyParserErrors } from '../common/http/body-parser-errors';
import { CentresModule } from '../centres/centres.module';
import { documentsConfig, DocumentsConfig } from '../config/documents.config';
import { OutboxQueues } from '../outbox/outbox-queues';
import { DocumentRecoveryService } from './document-recovery.service';
import { DocumentRenderingService } from './document-rendering.service';
import { DocumentVerificationService } from './document-verification.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentFile } from './entities/document-file.entity';
import { DocumentRecord } from './entities/document.entity';
import { DocumentsWorker } from './jobs/documents.worker';
import { DOCUMENTS_QUEUE } from './jobs/render-document.job';
import { DocumentRenderer } from './rendering/document-renderer';
import { FontLibrary } from './rendering/fonts';
import { DOCUMENT_STORAGE } from './storage/document-storage';
import { PostgresDocumentStorage } from './storage/postgres-document-storage';
import { DocumentContributions } from './types/document-contributions';
import { DocumentTypeRegistry } from './types/document-type.registry';

/**
 * Custody documents: the request API, the type registry other modules add their documents to, the renderer
 * and the queue worker. Modules that own subjects import this module and call
 * DocumentsService.requestInTransaction from their own transactions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DocumentRecord, DocumentFile]), CentresModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    DocumentVerificationService,
    DocumentRenderingService,
    DocumentRecoveryService,
    DocumentTypeRegistry,
    DocumentContributions,
    DocumentsWorker,
    { provide: DOCUMENT_STORAGE, useClass: PostgresDocumentStorage },
    {
      provide: FontLibrary,
      inject: [documentsConfig.KEY],
      useFactory: (config: DocumentsConfig) => new FontLibrary(config.fontDirs),
    },
    {
      provide: DocumentRenderer,
      inject: [FontLibrary],
      useFactory: (fonts: FontLibrary) => new DocumentRenderer(fonts),
    },
  ],
  exports: [DocumentsService, DocumentTypeRegistry, DocumentContributions, DocumentsWorker],
})
export class DocumentsModule implements NestModule, OnModuleInit {
  constructor(
    private readonly queues: OutboxQueues,
    @Inject(documentsConfig.KEY) private readonly config: DocumentsConfig,
  ) {}

  onModuleInit(): void {
    this.queues.register(DOCUMENTS_QUEUE, {
      attempts: this.config.renderAttempts,
      backoff: { type: 'exponential', delay: this.config.retryBackoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    });
  }

  configure(consumer: MiddlewareConsumer): void {
    // The public upload check takes the PDF itself as the body, within its own size limit.
    const parse = raw({ type: 'application/pdf', limit: this.config.verifyUploadLimit });
    // Parser refusals (too large, aborted) answer in the common error shape, like the global body parsers'.
    const pdfBody = (req: Request, res: Response, next: NextFunction) =>
      parse(req, res, (err?: unknown) => (err ? bodyParserErrors(err, req, res, next) : next()));
    consumer.apply(pdfBody).forRoutes({ path: 'documents/verify', method: RequestMethod.POST });
  }
}
