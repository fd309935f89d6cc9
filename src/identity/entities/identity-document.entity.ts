import { Check, Column, Entity, Index } from 'typeorm';
import { StayEvidence } from './stay-evidence';

export enum DocumentType {
  Passport = 'passport',
  NationalId = 'national_id',
  BirthCertificate = 'birth_certificate',
  ConsularId = 'consular_id',
  RefugeeDocument = 'refugee_document',
  Other = 'other',
  None = 'none',
}

/** How the document itself was checked, if at all. */
export enum DocumentCheckMethod {
  Visual = 'visual',
  SecurityFeatures = 'security_features',
  IssuerRegistry = 'issuer_registry',
  ConsularConfirmation = 'consular_confirmation',
}

/**
 * An identity document seen for a person during a stay. `type = none` records that the person had none.
 * The number is stored normalised (see normaliseDocumentNumber) so it matches across centres; it is never
 * returned whole, logged or written to the audit trail.
 */
@Entity('identity_documents')
@Index('IDX_identity_documents_number', ['numberNormalised', 'issuingCountry'])
@Index('IDX_identity_documents_person', ['personId'])
@Check('CHK_identity_documents_number', `(type = 'none') = (number_normalised IS NULL)`)
@Check('CHK_identity_documents_number_format', `number_normalised ~ '^[A-Z0-9]{1,40}$'`)
@Check('CHK_identity_documents_country', `issuing_country ~ '^[A-Z]{2}$'`)
@Check(
  'CHK_identity_documents_verified',
  `(verified_by_id IS NULL) = (check_method IS NULL) AND (verified_by_id IS NULL) = (verified_at IS NULL)`,
)
export class IdentityDocument extends StayEvidence {
  @Column({ type: 'enum', enum: DocumentType, enumName: 'identity_document_type' })
  type: DocumentType;

  @Column({ name: 'number_normalised', type: 'text', nullable: true })
  numberNormalised: string | null;

  @Column({ name: 'issuing_country', type: 'char', length: 2, nullable: true })
  issuingCountry: string | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({
    name: 'check_method',
    type: 'enum',
    enum: DocumentCheckMethod,
    enumName: 'identity_document_check_method',
    nullable: true,
  })
  checkMethod: DocumentCheckMethod | null;

  @Column({ name: 'verified_by_id', type: 'uuid', nullable: true })
  verifiedById: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
