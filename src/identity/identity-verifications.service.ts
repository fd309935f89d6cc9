import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { ErrorDetail, RuleViolation } from '../common/errors/domain.exception';
import { identityConfig, IdentityConfig } from '../config/identity.config';
import { CreateIdentityVerificationDto, IdentityVerificationResponseDto } from './dto/verification.dto';
import { IdentityAlert } from './entities/identity-alert.entity';
import { IdentityDocument } from './entities/identity-document.entity';
import { IdentityVerification } from './entities/identity-verification.entity';
import { IdentitySubjectsService } from './identity-subjects.service';
import { StaySubject } from './identity-subjects.types';
import { normaliseDocumentNumber } from './rules/document-number';
import {
  ALERTING_CHECKPOINTS,
  compareDateOfBirth,
  decideVerification,
  DocumentFinding,
  VerificationMethod,
  VerificationResult,
} from './verification-result';
import { WristbandsService } from './wristbands.service';

/** Each declared method needs the piece of evidence it is about. */
function missingEvidence(dto: CreateIdentityVerificationDto): ErrorDetail[] {
  const p = dto.presented;
  const need: [VerificationMethod, boolean, string][] = [
    [VerificationMethod.Wristband, p.wristbandCode !== undefined, 'presented.wristbandCode'],
    [VerificationMethod.Document, p.documentNumber !== undefined, 'presented.documentNumber'],
    [
      VerificationMethod.Fingerprint,
      p.fingerprintMatchScore !== undefined,
      'presented.fingerprintMatchScore',
    ],
    [VerificationMethod.Questions, p.answers?.dateOfBirth !== undefined, 'presented.answers.dateOfBirth'],
    [VerificationMethod.Photo, dto.officerAssessment !== undefined, 'officerAssessment'],
  ];
  return need
    .filter(([method, given]) => dto.methods.includes(method) && !given)
    .map(([method, , field]) => ({ field, message: `is required when the methods include ${method}` }));
}

/** The latest date there is: away from an exit, evidence counts whenever it was recorded. */
const ANY_TIME = new Date(8.64e15);

@Injectable()
export class IdentityVerificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(identityConfig.KEY) private readonly config: IdentityConfig,
    private readonly audit: AuditService,
    private readonly subjects: IdentitySubjectsService,
    private readonly wristbands: WristbandsService,
  ) {}

  async verify(
    actor: Actor,
    stayId: string,
    dto: CreateIdentityVerificationDto,
  ): Promise<IdentityVerificationResponseDto> {
    const { stay, centreId } = await this.subjects.requireStayAtCheckpoint(actor, stayId, dto.checkpoint);
    const missing = missingEvidence(dto);
    if (missing.length) {
      throw new RuleViolation(
        'EVIDENCE_MISSING',
        'A declared method has nothing presented to check',
        missing,
      );
    }
    const person = await this.subjects.requirePerson(stay.personId);
    const personIds = await this.subjects.identityGroup(stay.personId);

    // At an exit the person is compared with what was recorded before it, not with what was typed in at the
    // desk from the document in their hand: evidence recorded since `settled` counts for nothing there.
    const settled = ALERTING_CHECKPOINTS.has(dto.checkpoint)
      ? new Date(Date.now() - this.config.evidenceMinAgeMinutes * 60_000)
      : ANY_TIME;
    return this.dataSource.transaction(async (m) => {
      // Everything presented is checked, declared or not: leaving "wristband" out of the methods does not
      // hide a band that belongs to someone else.
      const findings = {
        wristband: await this.wristbands.findingFor(m, dto.presented.wristbandCode, stay, personIds, settled),
        document: await this.documentFinding(m, personIds, dto.presented.documentNumber, settled),
        dateOfBirth: compareDateOfBirth(
          dto.presented.answers?.dateOfBirth,
          person.dateOfBirth,
          person.dateOfBirthApproximate,
        ),
        fingerprintScore: dto.presented.fingerprintMatchScore ?? null,
      };
      const [references] = await m.query(
        `SELECT coalesce(bool_or(recorded_at <= $2), false) AS "settled",
                coalesce(bool_or(recorded_at > $2), false) AS "recent"
           FROM biometric_references WHERE person_id = ANY($1::uuid[])`,
        [personIds, settled],
      );
      const decision = decideVerification({
        checkpoint: dto.checkpoint,
        methods: dto.methods,
        ...findings,
        hasBiometricReference: references.settled,
        biometricReferenceRecent: references.recent,
        officerAssessment: dto.officerAssessment,
      });
      const verification = await m.getRepository(IdentityVerification).save(
        m.create(IdentityVerification, {
          stayId: stay.id,
          personId: stay.personId,
          centreId,
          checkpoint: dto.checkpoint,
          methods: dto.methods,
          findings,
          officerAssessment: dto.officerAssessment ?? null,
          result: decision.result,
          reasons: decision.reasons,
          notes: dto.notes ?? null,
          verifiedById: actor.id,
          verifiedAt: new Date(),
        }),
      );
      await this.audit.record(m, actor, {
        action: 'identity.verification.create',
        entityType: 'identity_verification',
        entityId: verification.id,
        centreId,
        details: {
          stayId: stay.id,
          personId: stay.personId,
          checkpoint: dto.checkpoint,
          methods: dto.methods,
          result: decision.result,
          reasons: decision.reasons,
        },
      });
      const alertId = await this.raiseAlertIfNeeded(m, actor, stay, verification);
      return { ...verification, ...(alertId ? { alertId } : {}) };
    });
  }

  async list(actor: Actor, stayId: string): Promise<IdentityVerification[]> {
    const stay = await this.subjects.requireStay(actor, stayId);
    return this.dataSource
      .getRepository(IdentityVerification)
      .find({ where: { stayId: stay.id }, order: { verifiedAt: 'DESC' } });
  }

  /** The presented number against the person's documents; only those recorded by `settled` make a pass. */
  private async documentFinding(
    m: EntityManager,
    personIds: string[],
    presented: string | undefined,
    settled: Date,
  ): Promise<DocumentFinding> {
    if (presented === undefined) return 'NOT_PRESENTED';
    const onRecord = await m.getRepository(IdentityDocument).find({
      select: { numberNormalised: true, recordedAt: true },
      where: { personId: In(personIds), numberNormalised: Not(IsNull()) },
    });
    if (!onRecord.length) return 'NONE_ON_RECORD';
    const number = normaliseDocumentNumber(presented);
    // Compared with what was on record before the check: a number typed in since does not hide a mismatch
    // with the documents recorded at intake; it only cannot tell when it is all there is.
    const before = onRecord.filter((d) => d.recordedAt <= settled);
    if (before.some((d) => d.numberNormalised === number)) return 'ON_RECORD';
    if (before.length) return 'NOT_ON_RECORD';
    return onRecord.some((d) => d.numberNormalised === number) ? 'RECORDED_RECENTLY' : 'NOT_ON_RECORD';
  }

  /** The alert goes to the managers of the centre that made the check (the receiving one at TRANSFER_IN). */
  private async raiseAlertIfNeeded(
    m: EntityManager,
    actor: Actor,
    stay: StaySubject,
    v: IdentityVerification,
  ): Promise<string | null> {
    if (v.result !== VerificationResult.Mismatch || !ALERTING_CHECKPOINTS.has(v.checkpoint)) return null;
    const alert = await m.getRepository(IdentityAlert).save(
      m.create(IdentityAlert, {
        centreId: v.centreId,
        stayId: stay.id,
        verificationId: v.id,
        checkpoint: v.checkpoint,
        reasons: v.reasons,
        raisedAt: v.verifiedAt,
        raisedById: actor.id,
      }),
    );
    await this.audit.record(m, actor, {
      action: 'identity.alert.raise',
      entityType: 'identity_alert',
      entityId: alert.id,
      centreId: v.centreId,
      details: { stayId: stay.id, verificationId: v.id, checkpoint: v.checkpoint, reasons: v.reasons },
    });
    return alert.id;
  }
}
