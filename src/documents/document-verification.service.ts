import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CentresService } from '../centres/centres.service';
import { validationFailed } from '../common/validation/api-validation.pipe';
import { appConfig, AppConfig } from '../config/app.config';
import { documentsConfig, DocumentsConfig } from '../config/documents.config';
import { API_PREFIX } from '../app.setup';
import { isValidSignature, signDocumentId } from './document-signature';
import { documentNumber } from './document.mapper';
import { DocumentHolderSummaryDto, VerificationResultDto } from './dto/document-response.dto';
import { DocumentRecord, DocumentStatus } from './entities/document.entity';
import { DocumentHolder } from './types/document-type';
import { DocumentTypeRegistry } from './types/document-type.registry';

/** Initials and year of birth: enough to compare with the paper, not enough to learn who someone is. */
function maskedHolder(h: DocumentHolder): DocumentHolderSummaryDto {
  const initials = `${h.givenNames} ${h.familyNames}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0].toLocaleUpperCase()}.`)
    .join(' ');
  return { initials, birthYear: h.dateOfBirth ? Number(h.dateOfBirth.slice(0, 4)) : null };
}

/**
 * Lets an official anywhere check a document without an account: by the QR code's signature, or by uploading
 * the PDF (is it byte for byte what was issued?). Answers only what the paper itself already shows.
 */
@Injectable()
export class DocumentVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centres: CentresService,
    @Inject(documentsConfig.KEY) private readonly config: DocumentsConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly types: DocumentTypeRegistry,
  ) {}

  /** Where the QR code points: the public verification route with the id and its signature. */
  verifyUrl(documentId: string): string {
    const sig = signDocumentId(this.config.signingSecret, documentId);
    return `${this.verifyBase()}?id=${documentId}&sig=${sig}`;
  }

  verifyBase(): string {
    return `${this.app.publicUrl}/${API_PREFIX}/documents/verify`;
  }

  async bySignature(id: string, sig: string): Promise<VerificationResultDto> {
    if (!isValidSignature(this.config.signingSecret, id, sig)) return { valid: false, document: null };
    const document = await this.dataSource.getRepository(DocumentRecord).findOneBy({ id });
    return this.answer(document);
  }

  async byContent(body: unknown): Promise<VerificationResultDto> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw validationFailed([
        { field: 'body', message: 'send the PDF itself as the body, with Content-Type: application/pdf' },
      ]);
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    const document = await this.dataSource
      .getRepository(DocumentRecord)
      .findOneBy({ sha256, status: DocumentStatus.Ready });
    return { ...(await this.answer(document)), sha256 };
  }

  private async answer(document: DocumentRecord | null): Promise<VerificationResultDto> {
    if (!document || document.status !== DocumentStatus.Ready || !document.sha256) {
      return { valid: false, document: null };
    }
    const centre = await this.centres.findById(document.centreId);
    const holder = await this.types.get(document.type)?.holder?.(this.dataSource.manager, document.subjectId);
    return {
      // Issued, but revoked since: the paper is genuine and no longer holds (a cancelled transfer's manifest).
      valid: document.revokedAt === null,
      document: {
        id: document.id,
        number: documentNumber(document.number),
        type: document.type,
        centreName: centre?.name ?? '',
        issuedAt: document.readyAt,
        sha256: document.sha256,
        holder: holder ? maskedHolder(holder) : null,
        revokedAt: document.revokedAt,
        revokedReason: document.revokedReason,
      },
    };
  }
}
