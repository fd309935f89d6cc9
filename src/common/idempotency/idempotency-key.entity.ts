import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The first answer to a creating POST, kept per user, route and key so a retry replays it. */
@Entity('idempotency_keys')
@Index('IDX_idempotency_keys_expires_at', ['expiresAt'])
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /**
   * Method, route pattern and a hash of the path parameters, e.g. `POST /api/v1/stays/:id/release 3f…`: the same
   * however the path was spelled (letter case, a trailing slash, an id in capitals).
   */
  @PrimaryColumn({ type: 'text' })
  route: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  /**
   * The caller's roles and centres when the key was first used. A replay skips the handler, and so the checks
   * of role and centre scope that shaped its answer: it is served only while the caller still has all of them
   * (an administrator who is one no longer, an officer moved to another centre, are refused the replay).
   */
  @Column({ name: 'caller_roles', type: 'text', array: true, default: () => `'{}'` })
  callerRoles: string[];

  @Column({ name: 'caller_centre_ids', type: 'uuid', array: true, default: () => `'{}'` })
  callerCentreIds: string[];

  /** Null while the first request is still being served, and when it failed. */
  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  /** Set when the first request failed with an error that may have come after its write committed (a 5xx). */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  /** The first answer's JSON text, kept as a jsonb string so a replay is byte for byte the same. */
  @Column({ type: 'jsonb', nullable: true })
  response: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
