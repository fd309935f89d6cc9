import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job waiting to reach its queue. Written in the same transaction as the domain change that needs it, so a
 * committed change always gets its job, even when Redis is down at that moment.
 */
@Entity('outbox')
// The dispatcher's scan: oldest undispatched rows first.
@Index('IDX_outbox_pending', ['createdAt'], { where: 'dispatched_at IS NULL' })
// One pending row per job: enqueueing the same job twice before dispatch is a no-op.
@Index('UQ_outbox_pending_job', ['queue', 'jobId'], { unique: true, where: 'dispatched_at IS NULL' })
@Check('CHK_outbox_attempts', 'attempts >= 0')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName: string;

  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
