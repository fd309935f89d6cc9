import {
  Check,
  Column,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { User } from '../../users/entities/user.entity';

export enum DocumentStatus {
  Pending = 'PENDING',
  Rendering = 'RENDERING',
  Ready = 'READY',
  Failed = 'FAILED',
}

/** A generated PDF of record about one subject (a stay, a receipt, a transfer, a centre's level change). */
@Entity('documents')
@Index('IDX_documents_subject', ['subjectId', 'requestedAt'])
@Index('IDX_documents_sha256', ['sha256'], { where: 'sha256 IS NOT NULL' })
@Check('CHK_documents_status', `status IN ('PENDING','RENDERING','READY','FAILED')`)
@Check(
  'CHK_documents_ready',
  `status <> 'READY' OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL AND page_count IS NOT NULL AND ready_at IS NOT NULL)`,
)
@Check('CHK_documents_sha256', `sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'`)
@Check('CHK_documents_attempts', 'attempts >= 0 AND generation >= 1')
@Check('CHK_documents_revoked', '(revoked_at IS NULL) = (revoked_reason IS NULL)')
export class DocumentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human-facing document number printed on every page. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  number: string;

  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Index('IDX_documents_centre')
  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ type: 'varchar', length: 10 })
  language: string;

  @Column({ type: 'varchar', length: 10, default: DocumentStatus.Pending })
  status: DocumentStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Bumped by every retry: each generation is its own queue job. */
  @Column({ type: 'int', default: 1 })
  generation: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ name: 'size_bytes', type: 'int', nullable: true })
  sizeBytes: number | null;

  @Column({ name: 'page_count', type: 'int', nullable: true })
  pageCount: number | null;

  /** Null when the system asked for it on its own. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: User;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt: Date | null;

  /** Set when what the document attests no longer holds (the transfer of a manifest was cancelled). */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 200, nullable: true })
  revokedReason: string | null;

  /**
   * Bumped by every change of the row (claimed, failed, retried, READY, revoked): a PENDING or RENDERING document
   * left alone for long, with no live queue job, is stuck and may be retried.
   */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
