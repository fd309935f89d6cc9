import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { withTimeout } from '../common/async/with-timeout';
import { send } from '../common/persistence/pipeline';
import { OutboxQueues } from '../outbox/outbox-queues';
import { documentsConfig, DocumentsConfig } from '../config/documents.config';
import { DocumentNotRetryable, DocumentQueueUnavailable } from './document.exceptions';
import { DocumentRecord } from './entities/document.entity';
import { DOCUMENTS_QUEUE, renderJobId } from './jobs/render-document.job';

/** Job states in which BullMQ will still run the job (or is running it): its document is being worked on. */
const LIVE_JOB_STATES: ReadonlySet<string> = new Set([
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
]);
const QUEUE_TIMEOUT_MS = 2_000;

interface Quiet {
  updated_at: Date;
  stuck_from: Date;
  quiet: boolean;
  in_outbox: boolean;
}

/**
 * Tells a document the queue has lost from one still being worked on. A PENDING or RENDERING document is stuck
 * when it has not changed for DOCUMENT_STUCK_AFTER_SECONDS and nothing will ever pick it up: no job of its
 * generation waits in the outbox, and its job in BullMQ is missing, completed or failed (BullMQ fails a job that
 * stalled too often without calling the worker's processor; Redis may have lost it). Such a document may be
 * retried like a FAILED one.
 */
@Injectable()
export class DocumentRecoveryService {
  constructor(
    private readonly queues: OutboxQueues,
    @Inject(documentsConfig.KEY) private readonly config: DocumentsConfig,
  ) {}

  /**
   * For a PENDING or RENDERING document the caller holds locked: the state of its queue job when the document is
   * stuck (`unknown` for no job at all); otherwise throws DocumentNotRetryable saying why it is not.
   *
   * The outbox is read before the queue: a row the dispatcher marks dispatched was in Redis before that commit,
   * so a job is never missed between the two reads. A wrong "stuck" would cost a render, not a second READY: the
   * retry starts a new generation, and the worker skips the jobs of older ones.
   */
  async stuckJobState(m: EntityManager, document: DocumentRecord): Promise<string> {
    const jobId = renderJobId(document.id, document.generation);
    const [row] = await send<Quiet>(
      m,
      `SELECT d.updated_at, d.updated_at + make_interval(secs => $2) AS stuck_from,
              d.updated_at + make_interval(secs => $2) <= now() AS quiet,
              EXISTS (SELECT 1 FROM outbox o
                      WHERE o.queue = $3 AND o.job_id = $4 AND o.dispatched_at IS NULL) AS in_outbox
       FROM documents d WHERE d.id = $1`,
      [document.id, this.config.stuckAfterSeconds, DOCUMENTS_QUEUE, jobId],
    );
    if (!row.quiet) {
      throw new DocumentNotRetryable(
        document.status,
        `it changed less than ${this.config.stuckAfterSeconds} s ago and may still be in progress`,
        [
          {
            field: 'updatedAt',
            code: 'RECENTLY_CHANGED',
            message: `changed at ${iso(row.updated_at)}; retryable from ${iso(row.stuck_from)} if it is still not done`,
          },
        ],
      );
    }
    if (row.in_outbox) {
      throw new DocumentNotRetryable(document.status, 'its job is waiting in the outbox for the queue', [
        { field: 'job', code: 'outbox', message: 'not yet sent to the queue' },
      ]);
    }
    const state = await this.jobState(jobId);
    if (LIVE_JOB_STATES.has(state)) {
      throw new DocumentNotRetryable(document.status, `its queue job is ${state}`, [
        { field: 'job', code: state, message: `the queue job is ${state}` },
      ]);
    }
    return state;
  }

  private async jobState(jobId: string): Promise<string> {
    const queue = this.queues.get(DOCUMENTS_QUEUE);
    if (!queue) throw new DocumentQueueUnavailable();
    try {
      return await withTimeout(queue.getJobState(jobId), QUEUE_TIMEOUT_MS);
    } catch {
      // Redis down or slow: whether a job is alive cannot be known, so nothing is retried.
      throw new DocumentQueueUnavailable();
    }
  }
}

const iso = (d: Date): string => new Date(d).toISOString();
