import { Check, Column, Entity, Index } from 'typeorm';
import { StayEvidence } from './stay-evidence';

/**
 * A face photo, metadata stripped, in its own table so that listing evidence never loads image bytes.
 * The bytes are read only through IdentityPhotosService.read, which audits every read.
 */
@Entity('identity_photos')
@Index('IDX_identity_photos_sha256', ['sha256'])
@Index('IDX_identity_photos_person', ['personId'])
// The same image twice for one stay is one record (a retried upload).
@Index('UQ_identity_photos_stay_sha256', ['stayId', 'sha256'], { unique: true })
@Check('CHK_identity_photos_type', `content_type IN ('image/jpeg', 'image/png')`)
@Check('CHK_identity_photos_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('CHK_identity_photos_size', `size_bytes > 0 AND size_bytes = octet_length(data)`)
export class IdentityPhoto extends StayEvidence {
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  /** SHA-256 of the stored (stripped) bytes, hex. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  data: Buffer;
}
