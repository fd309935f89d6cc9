import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { appConfig, AppConfig } from '../../config/app.config';
import { documentsConfig, DocumentsConfig } from '../../config/documents.config';
import { redisConfig, RedisConfig } from '../../config/redis.config';
import { workerConnection } from '../../queue/redis-connection';
import { DocumentRenderingService } from '../document-rendering.service';
import { DocumentRenderer } from '../rendering/document-renderer';
import { DOCUMENTS_QUEUE, RenderDocumentPayload } from './render-document.job';

/**
 * The BullMQ worker that renders documents. Started in the API process when RUN_WORKERS is true, and by
 * `npm run start:worker` in its own process; both run this class. A job whose worker died is taken over once
 * its lock expires (stalled-job recovery); one that stalled too often is failed by BullMQ, and its document
 * marked FAILED here. On shutdown it stops taking jobs and waits for those in progress.
 */
@Injectable()
export class DocumentsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DocumentsWorker.name);
  private worker: Worker<RenderDocumentPayload> | null = null;
  private inFlight = 0;

  constructor(
    private readonly rendering: DocumentRenderingService,
    private readonly renderer: DocumentRenderer,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(redisConfig.KEY) private readonly redis: RedisConfig,
    @Inject(documentsConfig.KEY) private readonly config: DocumentsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.app.runWorkers) this.start();
  }

  start(): void {
    if (this.worker) return;
    this.renderer.warmUp().catch((err: Error) => this.logger.warn(`renderer warm-up failed: ${err.message}`));
    this.worker = new Worker<RenderDocumentPayload>(DOCUMENTS_QUEUE, (job) => this.handle(job), {
      connection: workerConnection(this.redis.url),
      prefix: this.redis.queuePrefix,
      concurrency: this.config.workerConcurrency,
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
      maxStalledCount: 2,
    });
    // Redis going away is expected (the outbox covers producers); the worker reconnects by itself.
    this.worker.on('error', (err) => this.logger.debug(`documents worker: ${err.message}`));
    this.worker.on('failed', (job, err) => void this.failed(job, err));
    this.logger.log(`documents worker started (concurrency ${this.config.workerConcurrency})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    // With a job in progress, close() lets it finish (its document becomes READY) before the process exits.
    // With none, do not wait: a graceful close also waits for Redis, which may be unreachable.
    const graceful = this.inFlight > 0;
    await Promise.race([
      worker.close(!graceful),
      new Promise((resolve) => setTimeout(resolve, graceful ? this.config.jobLockMs : 2_000).unref()),
    ]);
  }

  /**
   * BullMQ gave up on a job. When our processor ran, it has already marked the document FAILED; but a job that
   * stalled more than maxStalledCount times is failed by the worker that next takes it, without calling the
   * processor, and its document would stay RENDERING for ever. A failure BullMQ will retry (no finishedOn) is
   * left alone.
   */
  private async failed(job: Job<RenderDocumentPayload> | undefined, err: Error): Promise<void> {
    if (!job?.finishedOn) return;
    try {
      await this.rendering.recordQueueFailure(job.data.documentId, job.data.generation, err);
    } catch (e) {
      // The document stays PENDING/RENDERING; the retry endpoint recognises it as stuck later.
      this.logger.warn(
        `document ${job.data.documentId}: queue failure not recorded: ${(e as Error).message}`,
      );
    }
  }

  private async handle(job: Job<RenderDocumentPayload>): Promise<string> {
    const started = Date.now();
    const { documentId, generation } = job.data;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    this.inFlight++;
    try {
      const outcome = await this.rendering.process(documentId, generation, { lastAttempt });
      this.logger.log({ documentId, outcome, ms: Date.now() - started }, 'render-document');
      return outcome;
    } finally {
      this.inFlight--;
    }
  }
}
