import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Person } from '../../persons/entities/person.entity';
import { Stay } from '../../admissions/entities/stay.entity';

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
export class IdentityPhoto {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  /** SHA-256 of the stored (stripped) bytes, hex. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  data: Buffer;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
