import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentFile } from '../entities/document-file.entity';
import { DocumentStorage } from './document-storage';

@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async put(manager: EntityManager, documentId: string, content: Buffer): Promise<void> {
    await manager.query(
      `INSERT INTO document_files (document_id, content) VALUES ($1, $2)
       ON CONFLICT (document_id) DO UPDATE SET content = EXCLUDED.content`,
      [documentId, content],
    );
  }

  async get(documentId: string): Promise<Buffer | null> {
    const file = await this.dataSource.getRepository(DocumentFile).findOneBy({ documentId });
    return file?.content ?? null;
  }
}
