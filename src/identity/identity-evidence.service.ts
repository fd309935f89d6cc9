import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { Conflict } from '../common/errors/domain.exception';
import {
  BiometricReferenceResponseDto,
  CreateBiometricReferenceDto,
  CreateDistinguishingMarkDto,
  CreateIdentityDocumentDto,
  IdentityDocumentResponseDto,
  IdentityEvidenceResponseDto,
} from './dto/evidence.dto';
import { BiometricReference } from './entities/biometric-reference.entity';
import { DistinguishingMark } from './entities/distinguishing-mark.entity';
import { DocumentType, IdentityDocument } from './entities/identity-document.entity';
import { IdentityPhoto } from './entities/identity-photo.entity';
import { IdentitySubjectsService } from './identity-subjects.service';
import { isUniqueViolation } from './unique-violation';
import { maskDocumentNumber, normaliseDocumentNumber } from './rules/document-number';

export const toDocumentResponse = (d: IdentityDocument): IdentityDocumentResponseDto => {
  const { numberNormalised, ...rest } = d;
  return { ...rest, numberMasked: numberNormalised ? maskDocumentNumber(numberNormalised) : null };
};

/** Identity evidence other than photos: documents, biometric references, distinguishing marks. */
@Injectable()
export class IdentityEvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly subjects: IdentitySubjectsService,
  ) {}

  async addDocument(
    actor: Actor,
    stayId: string,
    dto: CreateIdentityDocumentDto,
  ): Promise<IdentityDocumentResponseDto> {
    const stay = await this.subjects.requireWritableStay(actor, stayId);
    const none = dto.type === DocumentType.None;
    const verified = dto.checkMethod !== undefined;
    const saved = await this.dataSource.transaction(async (m) => {
      const doc = await m.getRepository(IdentityDocument).save(
        m.create(IdentityDocument, {
          personId: stay.personId,
          stayId: stay.id,
          centreId: stay.centreId,
          type: dto.type,
          numberNormalised: none ? null : normaliseDocumentNumber(dto.number!),
          issuingCountry: none ? null : dto.issuingCountry!,
          expiresOn: dto.expiresOn ?? null,
          checkMethod: dto.checkMethod ?? null,
          verifiedById: verified ? actor.id : null,
          verifiedAt: verified ? new Date() : null,
          recordedById: actor.id,
        }),
      );
      // The number never goes into the audit trail: type and country say what was recorded.
      await this.audit.record(m, actor, {
        action: 'identity.document.create',
        entityType: 'identity_document',
        entityId: doc.id,
        centreId: stay.centreId,
        details: {
          stayId: stay.id,
          personId: stay.personId,
          type: doc.type,
          issuingCountry: doc.issuingCountry,
        },
      });
      return doc;
    });
    return toDocumentResponse(saved);
  }

  async addBiometricReference(
    actor: Actor,
    stayId: string,
    dto: CreateBiometricReferenceDto,
  ): Promise<BiometricReferenceResponseDto> {
    const stay = await this.subjects.requireWritableStay(actor, stayId);
    const exists = new Conflict(
      'BIOMETRIC_REFERENCE_EXISTS',
      'This template is already recorded for the person',
      [{ field: 'templateId', message: 'is already recorded for this person in this system' }],
    );
    return this.dataSource
      .transaction(async (m) => {
        const repo = m.getRepository(BiometricReference);
        if (
          await repo.existsBy({ personId: stay.personId, system: dto.system, templateId: dto.templateId })
        ) {
          throw exists;
        }
        const ref = await repo.save(
          m.create(BiometricReference, {
            ...dto,
            personId: stay.personId,
            stayId: stay.id,
            centreId: stay.centreId,
            recordedById: actor.id,
          }),
        );
        await this.audit.record(m, actor, {
          action: 'identity.biometric_reference.create',
          entityType: 'biometric_reference',
          entityId: ref.id,
          centreId: stay.centreId,
          details: { stayId: stay.id, personId: stay.personId, system: ref.system, quality: ref.quality },
        });
        return ref;
      })
      .catch((err: unknown) => {
        // The same template recorded twice at once: the unique index decides, answered like the check above.
        throw isUniqueViolation(err, 'UQ_biometric_references_template') ? exists : err;
      });
  }

  async addDistinguishingMark(actor: Actor, stayId: string, dto: CreateDistinguishingMarkDto) {
    const stay = await this.subjects.requireWritableStay(actor, stayId);
    return this.dataSource.transaction(async (m) => {
      const mark = await m.getRepository(DistinguishingMark).save(
        m.create(DistinguishingMark, {
          ...dto,
          personId: stay.personId,
          stayId: stay.id,
          centreId: stay.centreId,
          recordedById: actor.id,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'identity.distinguishing_mark.create',
        entityType: 'distinguishing_mark',
        entityId: mark.id,
        centreId: stay.centreId,
        details: { stayId: stay.id, personId: stay.personId, bodyLocation: mark.bodyLocation },
      });
      return mark;
    });
  }

  /**
   * The evidence on record for the person of a stay, captured at any centre (a transferred person's evidence
   * travels with them), including records merged into this person. Every read is audited
   * (`identity.evidence.read`).
   */
  async evidenceForStay(actor: Actor, stayId: string): Promise<IdentityEvidenceResponseDto> {
    const stay = await this.subjects.requireStayOrIncoming(actor, stayId);
    const personIds = await this.subjects.identityGroup(stay.personId);
    const where = { personId: In(personIds) };
    const order = { recordedAt: 'ASC' as const };
    const [documents, photos, biometricReferences, distinguishingMarks] = await Promise.all([
      this.dataSource.getRepository(IdentityDocument).find({ where, order }),
      this.dataSource.getRepository(IdentityPhoto).find({ where, order }),
      this.dataSource.getRepository(BiometricReference).find({ where, order }),
      this.dataSource.getRepository(DistinguishingMark).find({ where, order }),
    ]);
    // A read of confidential content (other centres' documents, marks, template ids): audited before it is
    // answered, in the chain of the stay's centre (as a photo read is in the photo's), with ids only.
    await this.audit.recordAlone(actor, {
      action: 'identity.evidence.read',
      entityType: 'stay',
      entityId: stay.id,
      centreId: stay.centreId,
      details: {
        stayId: stay.id,
        personId: stay.personId,
        personIds,
        documentIds: documents.map((d) => d.id),
        photoIds: photos.map((p) => p.id),
        biometricReferenceIds: biometricReferences.map((b) => b.id),
        distinguishingMarkIds: distinguishingMarks.map((k) => k.id),
      },
    });
    return {
      stayId: stay.id,
      personId: stay.personId,
      documents: documents.map(toDocumentResponse),
      photos,
      biometricReferences,
      distinguishingMarks,
    };
  }
}
