import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { DocumentRecord } from './document.entity';

/** The PDF bytes, apart from the metadata so listing documents never reads them. */
@Entity('document_files')
export class DocumentFile {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @OneToOne(() => DocumentRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: DocumentRecord;

  @Column({ type: 'bytea' })
  content: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
