import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { StayStatus } from '../admissions/entities/stay.entity';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { identityConfig, IdentityConfig } from '../config/identity.config';
import { WristbandCheckResponseDto, WristbandResponseDto, WristbandScanStatus } from './dto/wristband.dto';
import { Wristband } from './entities/wristband.entity';
import { IdentitySubjectsService } from './identity-subjects.service';
import { WristbandFinding } from './verification-result';
import { newWristbandCode, parseScan, signatureValid, wristbandPayload } from './rules/wristband-code';

export interface ScanLookup {
  status: WristbandScanStatus;
  band: Wristband | null;
}

@Injectable()
export class WristbandsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly subjects: IdentitySubjectsService,
    @Inject(identityConfig.KEY) private readonly config: IdentityConfig,
  ) {}

  /** Issues a band to an active stay; any band the stay already had is revoked in the same transaction. */
  async issue(actor: Actor, stayId: string): Promise<WristbandResponseDto> {
    const stay = await this.subjects.requireActiveStay(actor, stayId);
    const { band, revoked } = await this.dataSource.transaction(async (m) => {
      // Two officers reissuing at once: the stay row lock makes the second wait and revoke the first's band.
      await this.subjects.lockStay(actor, stayId, m);
      const now = new Date();
      const revokedResult = await m
        .getRepository(Wristband)
        .update({ stayId, revokedAt: IsNull() }, { revokedAt: now, revokedById: actor.id });
      const saved = await m.getRepository(Wristband).save(
        m.create(Wristband, {
          code: newWristbandCode(),
          stayId,
          personId: stay.personId,
          centreId: stay.centreId,
          issuedById: actor.id,
          issuedAt: now,
        }),
      );
      await this.audit.record(m, actor, {
        action: revokedResult.affected ? 'identity.wristband.reissue' : 'identity.wristband.issue',
        entityType: 'wristband',
        entityId: saved.id,
        centreId: stay.centreId,
        details: { stayId, personId: stay.personId, revokedPrevious: revokedResult.affected ?? 0 },
      });
      return { band: saved, revoked: revokedResult.affected ?? 0 };
    });
    const qrPayload = wristbandPayload(this.config.signingSecret, band.code, stayId);
    return {
      id: band.id,
      stayId,
      code: band.code,
      qrPayload,
      qrSvg: await QRCode.toString(qrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      issuedAt: band.issuedAt,
      issuedById: band.issuedById,
      revokedPrevious: revoked,
    };
  }

  /**
   * What a scanned payload (or typed code) is, before any scope is applied. A band is only good while its stay
   * is ACTIVE: nobody revokes it when the person is released, absconds or is transferred, so the band of an
   * ended stay answers REVOKED as a reissued one does.
   */
  async lookup(scanned: string, manager: EntityManager = this.dataSource.manager): Promise<ScanLookup> {
    const scan = parseScan(scanned);
    if (!scan) return { status: WristbandScanStatus.Invalid, band: null };
    const band = await manager
      .getRepository(Wristband)
      .findOne({ where: { code: scan.code }, relations: { stay: true } });
    if (!band) return { status: WristbandScanStatus.Invalid, band: null };
    if (
      scan.signature !== null &&
      !signatureValid(this.config.signingSecret, band.code, band.stayId, scan.signature)
    ) {
      return { status: WristbandScanStatus.Invalid, band: null };
    }
    if (band.revokedAt || band.stay?.status !== StayStatus.Active)
      return { status: WristbandScanStatus.Revoked, band };
    return { status: scan.signature ? WristbandScanStatus.Valid : WristbandScanStatus.Unsigned, band };
  }

  /** A checkpoint scan: who the band belongs to, but only within the caller's centres. */
  async check(actor: Actor, scanned: string): Promise<WristbandCheckResponseDto> {
    const { status, band } = await this.lookup(scanned);
    const visible = band !== null && this.subjects.canSeeCentre(actor, band.centreId);
    if (!visible)
      return { status: WristbandScanStatus.Invalid, stayId: null, personId: null, centreId: null };
    return { status, stayId: band.stayId, personId: band.personId, centreId: band.centreId };
  }

  /**
   * What a presented band says about the stay being verified. A typed code without a signature proves
   * nothing by itself, but if it is another person's code that is still a contradiction. The band of another
   * stay of the same person (`personIds`: the identity group) proves something only if it is the sending
   * centre's band on the stay that its transfer opened here (`SENDING_STAY`, counted at TRANSFER_IN): any
   * other stay of the person has ended, and so has its band.
   */
  async findingFor(
    manager: EntityManager,
    scanned: string | undefined,
    stay: { id: string },
    personIds: string[],
    /** Bands of this stay issued after it prove nothing (exit checks; see IdentityVerificationsService). */
    settled: Date,
  ): Promise<WristbandFinding> {
    if (scanned === undefined) return 'NOT_PRESENTED';
    const { status, band } = await this.lookup(scanned, manager);
    if (!band || status === WristbandScanStatus.Invalid) return 'UNKNOWN';
    const ownStay = band.stayId === stay.id;
    if (!ownStay && !personIds.includes(band.personId)) return 'OTHER_STAY';
    // The transfer ended the sending stay, yet its band is what the person arrives wearing.
    if (!ownStay && !band.revokedAt && (await this.subjects.transferredInto(band.stayId, stay.id, manager))) {
      return parseScan(scanned)!.signature ? 'SENDING_STAY' : 'UNSIGNED';
    }
    if (status === WristbandScanStatus.Revoked) return 'REVOKED';
    if (status === WristbandScanStatus.Unsigned) return 'UNSIGNED';
    if (!ownStay) return 'OTHER_STAY';
    return band.issuedAt > settled ? 'ISSUED_RECENTLY' : 'THIS_STAY';
  }
}
