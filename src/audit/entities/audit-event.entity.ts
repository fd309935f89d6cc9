import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'denied' | 'failure';

/**
 * One append-only entry of the audit trail. Entries form one hash chain per centre (`chain`), so writes in
 * different centres do not wait for each other. The database refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_events')
@Index('UQ_audit_events_chain_seq', ['chain', 'seq'], { unique: true })
@Index('IDX_audit_events_entity', ['entityType', 'entityId'])
@Index('IDX_audit_events_occurred_at', ['occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `centre:<uuid>` or `global` for events that belong to no centre (users, login). */
  @Column({ type: 'text' })
  chain: string;

  @Column({ type: 'bigint' })
  seq: string;

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

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
