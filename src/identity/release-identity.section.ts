import { Injectable, OnModuleInit } from '@nestjs/common';
import { And, EntityManager, In, LessThanOrEqual, MoreThan } from 'typeorm';
import type { IdentitySummary } from '../../templates/view-models';
import { StaysService } from '../admissions/stays.service';
import { RELEASE_IDENTITY } from '../documents/stay-documents/stay-documents';
import { DocumentContributions } from '../documents/types/document-contributions';
import { BiometricReference } from './entities/biometric-reference.entity';
import { DistinguishingMark } from './entities/distinguishing-mark.entity';
import { IdentityDocument } from './entities/identity-document.entity';
import { IdentityPhoto } from './entities/identity-photo.entity';
import { IdentityVerification } from './entities/identity-verification.entity';
import { Wristband } from './entities/wristband.entity';
import { countedMatches } from './identity-gate.rules';
import { IdentitySubjectsService } from './identity-subjects.service';
import { IdentityGate } from './identity.gate';
import { maskDocumentNumber } from './rules/document-number';
import { Checkpoint } from './verification-result';

/**
 * The release certificate's identity summary: what evidence identified the person, and the checks at release
 * that let them out. Kinds and counts only, as the identity API shows them: a document's type, country and
 * masked number (last four characters), never the number itself, a photo, a template id or a mark's description.
 */
@Injectable()
export class ReleaseIdentitySection implements OnModuleInit {
  constructor(
    private readonly contributions: DocumentContributions,
    private readonly stays: StaysService,
    private readonly subjects: IdentitySubjectsService,
    private readonly gate: IdentityGate,
  ) {}

  onModuleInit(): void {
    this.contributions.provide<IdentitySummary>(RELEASE_IDENTITY, (m, stayId) => this.summary(m, stayId));
  }

  async summary(m: EntityManager, stayId: string): Promise<IdentitySummary | null> {
    const stay = await this.stays.findStay(stayId, m);
    if (!stay?.exitedAt) return null;
    const releasedAt = stay.exitedAt;
    // The evidence the release was checked against: the person's, from every centre and merged record (as
    // GET /stays/:id/identity-evidence answers), as it stood at release, so a later re-print says the same: the
    // records merged at the release time, not those merged (or unmerged) since.
    const personIds = await this.subjects.identityGroup(stay.personId, m, releasedAt);
    const where = { personId: In(personIds), recordedAt: LessThanOrEqual(releasedAt) };
    // One after another: the manager may be a transaction's single connection.
    const documents = await m.getRepository(IdentityDocument).find({ where, order: { recordedAt: 'ASC' } });
    const photos = await m.getRepository(IdentityPhoto).countBy(where);
    const biometricReferences = await m.getRepository(BiometricReference).countBy(where);
    const distinguishingMarks = await m.getRepository(DistinguishingMark).countBy(where);
    const wristband = await m
      .getRepository(Wristband)
      .existsBy({ stayId, issuedAt: LessThanOrEqual(releasedAt) });
    // As the gate: only checks after the latest merge or unmerge (before the release) count.
    const since = await this.subjects.groupChangedAt(stay.personId, m, releasedAt);
    const checks = await m.getRepository(IdentityVerification).find({
      select: { checkpoint: true, result: true, methods: true, verifiedById: true, verifiedAt: true },
      where: {
        stayId,
        checkpoint: Checkpoint.Release,
        verifiedAt: since ? And(MoreThan(since), LessThanOrEqual(releasedAt)) : LessThanOrEqual(releasedAt),
      },
    });
    // The matches the identity gate counted when the release went through.
    const letOut = countedMatches(checks, this.gate.requirement('RELEASE'), releasedAt);
    return {
      documents: documents.map((d) => ({
        type: d.type,
        issuingCountry: d.issuingCountry,
        numberMasked: d.numberNormalised ? maskDocumentNumber(d.numberNormalised) : null,
        checkMethod: d.checkMethod,
      })),
      photos,
      biometricReferences,
      distinguishingMarks,
      wristband,
      verifications: letOut.map((v) => ({
        methods: v.methods,
        result: v.result,
        at: v.verifiedAt.toISOString(),
      })),
    };
  }
}
