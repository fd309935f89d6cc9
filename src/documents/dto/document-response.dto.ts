import { ApiProperty } from '@nestjs/swagger';
import { DocumentStatus } from '../entities/document.entity';

export class DocumentAcceptedResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DocumentStatus }) status: DocumentStatus;
}

export class DocumentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'D-000042', description: 'Printed on every page' }) number: string;
  @ApiProperty({ example: 'admission-record' }) type: string;
  @ApiProperty({ example: 'stay' }) subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ example: 'es' }) language: string;
  @ApiProperty({ enum: DocumentStatus }) status: DocumentStatus;
  @ApiProperty({ description: 'Render attempts so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the PDF, hex' }) sha256:
    string | null;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes: number | null;
  @ApiProperty({ nullable: true, type: Number }) pageCount: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Null: asked by the system' })
  requestedBy: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readyAt: Date | null;
  @ApiProperty({
    description:
      'Last change. A PENDING or RENDERING document unchanged for DOCUMENT_STUCK_AFTER_SECONDS with no live ' +
      'queue job is stuck and may be retried',
  })
  updatedAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'Set when the document no longer holds' })
  revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, example: 'Transfer cancelled' }) revokedReason: string | null;
  @ApiProperty() version: number;
}

export class DocumentTypeResponseDto {
  @ApiProperty({ example: 'release-certificate' }) type: string;
  @ApiProperty({ example: 'stay' }) subjectType: string;
  @ApiProperty({ example: ['en', 'es'] }) languages: string[];
}

export class DocumentHolderSummaryDto {
  @ApiProperty({ example: 'A. M. L. R.', description: 'Initials of the given and family names, in order' })
  initials: string;
  @ApiProperty({ nullable: true, type: Number, example: 1994 }) birthYear: number | null;
}

export class VerifiedDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'D-000042' }) number: string;
  @ApiProperty({ example: 'release-certificate' }) type: string;
  @ApiProperty({ example: 'Estación Migratoria Tapachula' }) centreName: string;
  @ApiProperty({ nullable: true, type: Date }) issuedAt: Date | null;
  @ApiProperty({ description: 'SHA-256 of the issued PDF: compare with the copy presented' }) sha256: string;
  @ApiProperty({
    type: DocumentHolderSummaryDto,
    nullable: true,
    description:
      'Whom the document is about, masked: compare with the names and date of birth on the paper (a genuine QR code copied onto a paper about someone else shows another holder). Null for documents about no person.',
  })
  holder: DocumentHolderSummaryDto | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'Set when the document was revoked: it was issued, but no longer holds (valid is then false)',
  })
  revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, example: 'Transfer cancelled' }) revokedReason: string | null;
}

export class VerificationResultDto {
  @ApiProperty({
    description:
      'True when the signature (or the uploaded bytes) match an issued document that has not been revoked',
  })
  valid: boolean;
  @ApiProperty({ description: 'SHA-256 of the uploaded file (upload check only)', required: false })
  sha256?: string;
  @ApiProperty({ type: VerifiedDocumentDto, nullable: true }) document: VerifiedDocumentDto | null;
}
