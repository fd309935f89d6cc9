import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'denied' | 'failure';

/**
 * One append-only entry of the audit trail. Entries form one hash chain per centre (`chain`), so writes in
 * different centres do not wait for each other. The application writes the entry and the hash of its content;
 * the database seals it as the transaction commits (seq, prev_hash, hash: migration AuditSealAtCommit) and
 * refuses any other UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_events')
@Index('UQ_audit_events_chain_seq', ['chain', 'seq'], { unique: true })
@Check('CHK_audit_events_hashed', 'content_hash IS NOT NULL OR hash IS NOT NULL')
@Index('IDX_audit_events_entity', ['entityType', 'entityId'])
@Index('IDX_audit_events_occurred_at', ['occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `centre:<uuid>` or `global` for events that belong to no centre (users, login). */
  @Column({ type: 'text' })
  chain: string;

  /** The place in the chain; set at commit (committed entries always have one). */
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'centre_id', type: 'uuid', nullable: true })
  centreId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  /** Non-confidential facts about the event (changed field names, reasons); never clinical text or secrets. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  /** sha256 of the content (every field above), by the application; NULL on entries from before sealing. */
  @Column({ name: 'content_hash', type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  /** Set at commit, with seq. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  /** Set at commit: sha256 of prev_hash, seq and content_hash. */
  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}
