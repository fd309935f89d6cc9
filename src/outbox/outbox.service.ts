import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { send } from '../common/persistence/pipeline';

export interface OutboxJob {
  queue: string;
  jobName: string;
  /** Deterministic: BullMQ ignores a second add with the same id, so a re-sent row is harmless. */
  jobId: string;
  payload: Record<string, unknown>;
}

/** Postgres channel on which a commit wakes every dispatcher at once (NOTIFY is delivered only on commit). */
export const OUTBOX_CHANNEL = 'outbox_pending';

@Injectable()
export class OutboxService {
  /**
   * Adds a job inside the caller's transaction: it reaches the queue if, and only if, the caller commits. Sent
   * before this returns (see send).
   */
  async enqueue(manager: EntityManager, job: OutboxJob): Promise<void> {
    // One round trip: the insert, and the notification the dispatcher receives when the transaction commits.
    await send(
      manager,
      `WITH queued AS (
         INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ($1, $2, $3, $4)
         ON CONFLICT (queue, job_id) WHERE dispatched_at IS NULL DO NOTHING)
       SELECT pg_notify($5, $1)`,
      [job.queue, job.jobName, job.jobId, JSON.stringify(job.payload), OUTBOX_CHANNEL],
    );
  }
}
