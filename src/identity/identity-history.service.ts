import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { IdentityHistoryEntryDto, IdentityHistoryResponseDto } from './dto/matching.dto';
import { BiometricReference } from './entities/biometric-reference.entity';
import { DistinguishingMark } from './entities/distinguishing-mark.entity';
import { IdentityDocument } from './entities/identity-document.entity';
import { IdentityPhoto } from './entities/identity-photo.entity';
import { IdentityVerification } from './entities/identity-verification.entity';
import { PersonMerge } from './entities/person-merge.entity';
import { Wristband } from './entities/wristband.entity';
import { IdentitySubjectsService } from './identity-subjects.service';

/**
 * The timeline of a person's identity evidence and checks, across stays, centres and merged records. Every read
 * is audited (`identity.history.read`).
 */
@Injectable()
export class IdentityHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly subjects: IdentitySubjectsService,
  ) {}

  async history(actor: Actor, personId: string): Promise<IdentityHistoryResponseDto> {
    await this.subjects.requirePersonVisible(actor, personId);
    const personIds = await this.subjects.identityGroup(personId);
    const where = { personId: In(personIds) };
    const repo = <T extends object>(e: new () => T) => this.dataSource.getRepository(e);
    const [documents, photos, biometrics, marks, bands, verifications, merges] = await Promise.all([
      repo(IdentityDocument).findBy(where),
      repo(IdentityPhoto).findBy(where),
      repo(BiometricReference).findBy(where),
      repo(DistinguishingMark).findBy(where),
      repo(Wristband).findBy(where),
      repo(IdentityVerification).findBy(where),
      repo(PersonMerge).find({
        where: [{ survivorPersonId: In(personIds) }, { mergedPersonId: In(personIds) }],
      }),
    ]);

    const entries: IdentityHistoryEntryDto[] = [
      ...documents.map((d) => ({
        at: d.recordedAt,
        kind: 'document',
        id: d.id,
        personId: d.personId,
        stayId: d.stayId,
        centreId: d.centreId,
        byId: d.recordedById,
        summary: { type: d.type, issuingCountry: d.issuingCountry, checkMethod: d.checkMethod },
      })),
      ...photos.map((p) => ({
        at: p.recordedAt,
        kind: 'photo',
        id: p.id,
        personId: p.personId,
        stayId: p.stayId,
        centreId: p.centreId,
        byId: p.recordedById,
        summary: { sha256: p.sha256, contentType: p.contentType },
      })),
      ...biometrics.map((b) => ({
        at: b.recordedAt,
        kind: 'biometric_reference',
        id: b.id,
        personId: b.personId,
        stayId: b.stayId,
        centreId: b.centreId,
        byId: b.recordedById,
        summary: { system: b.system, quality: b.quality },
      })),
      ...marks.map((k) => ({
        at: k.recordedAt,
        kind: 'distinguishing_mark',
        id: k.id,
        personId: k.personId,
        stayId: k.stayId,
        centreId: k.centreId,
        byId: k.recordedById,
        summary: { bodyLocation: k.bodyLocation },
      })),
      ...bands.map((w) => ({
        at: w.issuedAt,
        kind: 'wristband',
        id: w.id,
        personId: w.personId,
        stayId: w.stayId,
        centreId: w.centreId,
        byId: w.issuedById,
        summary: { revokedAt: w.revokedAt },
      })),
      ...verifications.map((v) => ({
        at: v.verifiedAt,
        kind: 'verification',
        id: v.id,
        personId: v.personId,
        stayId: v.stayId,
        centreId: v.centreId,
        byId: v.verifiedById,
        summary: { checkpoint: v.checkpoint, methods: v.methods, result: v.result, reasons: v.reasons },
      })),
      ...merges.flatMap((g) => [
        {
          at: g.mergedAt,
          kind: 'merge',
          id: g.id,
          personId: g.survivorPersonId,
          stayId: null,
          centreId: null,
          byId: g.mergedById,
          summary: { survivorPersonId: g.survivorPersonId, mergedPersonId: g.mergedPersonId },
        },
        ...(g.unmergedAt
          ? [
              {
                at: g.unmergedAt,
                kind: 'unmerge',
                id: g.id,
                personId: g.survivorPersonId,
                stayId: null,
                centreId: null,
                byId: g.unmergedById,
                summary: { survivorPersonId: g.survivorPersonId, mergedPersonId: g.mergedPersonId },
              },
            ]
          : []),
      ]),
    ];
    // Records of centres the caller is not assigned to are left out (and counted), not shown redacted.
    const visible = entries.filter(
      (e) => e.centreId === null || this.subjects.canSeeCentre(actor, e.centreId),
    );
    visible.sort((a, b) => a.at.getTime() - b.at.getTime());
    const hiddenEntries = entries.length - visible.length;
    // Like a person search, a read about one person across centres: audited in the chains of the caller's
    // centres, with ids and counts only (no document, mark or template content).
    await this.audit.recordInCallerCentres(actor, {
      action: 'identity.history.read',
      entityType: 'person',
      entityId: personId,
      details: { personIds, entries: visible.length, hiddenEntries },
    });
    return { personId, personIds, entries: visible, hiddenEntries };
  }
}
