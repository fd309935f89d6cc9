import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { NotFoundInScope, RuleViolation } from '../common/errors/domain.exception';
import { identityConfig, IdentityConfig } from '../config/identity.config';
import { IdentityPhotoResponseDto } from './dto/evidence.dto';
import { IdentityPhoto } from './entities/identity-photo.entity';
import { IdentitySubjectsService } from './identity-subjects.service';
import { StaySubject } from './identity-subjects.types';
import { isUniqueViolation } from './unique-violation';
import { InvalidImage, stripImageMetadata } from './rules/image-metadata';

export interface PhotoUpload {
  buffer: Buffer;
  size: number;
}

export interface PhotoContent {
  contentType: string;
  sha256: string;
  data: Buffer;
}

/** Face photos: accepted by magic bytes, stored without metadata, read only by staff and always audited. */
@Injectable()
export class IdentityPhotosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly subjects: IdentitySubjectsService,
    @Inject(identityConfig.KEY) private readonly config: IdentityConfig,
  ) {}

  async upload(
    actor: Actor,
    stayId: string,
    file: PhotoUpload | undefined,
  ): Promise<IdentityPhotoResponseDto> {
    const stay = await this.subjects.requireWritableStay(actor, stayId);
    if (!file?.buffer?.length) {
      throw new RuleViolation('PHOTO_REQUIRED', 'Send the photo as multipart/form-data field "photo"', [
        { field: 'photo', message: 'is required' },
      ]);
    }
    if (file.size > this.config.photoMaxBytes) {
      throw new PayloadTooLargeException(`The photo is larger than ${this.config.photoMaxBytes} bytes`);
    }
    let stripped: { type: string; data: Buffer };
    try {
      stripped = stripImageMetadata(file.buffer);
    } catch (e) {
      if (!(e instanceof InvalidImage)) throw e;
      throw new RuleViolation('PHOTO_NOT_ACCEPTED', 'The photo must be a well-formed JPEG or PNG image', [
        { field: 'photo', message: e.message },
      ]);
    }
    const sha256 = createHash('sha256').update(stripped.data).digest('hex');
    const save = () => this.save(actor, stay, stripped, sha256);
    return save().catch(async (err: unknown) => {
      // The same image uploaded twice at once: the unique index keeps one; the loser answers with it.
      if (!isUniqueViolation(err, 'UQ_identity_photos_stay_sha256')) throw err;
      return this.dataSource.getRepository(IdentityPhoto).findOneByOrFail({ stayId: stay.id, sha256 });
    });
  }

  private save(
    actor: Actor,
    stay: StaySubject,
    stripped: { type: string; data: Buffer },
    sha256: string,
  ): Promise<IdentityPhoto> {
    return this.dataSource.transaction(async (m) => {
      // The same image uploaded again for the stay (a retried request) is the same record, not a second one.
      const existing = await m.getRepository(IdentityPhoto).findOneBy({ stayId: stay.id, sha256 });
      if (existing) return existing;
      const inserted = await m.getRepository(IdentityPhoto).insert({
        personId: stay.personId,
        stayId: stay.id,
        centreId: stay.centreId,
        contentType: stripped.type,
        sizeBytes: stripped.data.length,
        sha256,
        data: stripped.data,
        recordedById: actor.id,
      });
      const photo = await m.getRepository(IdentityPhoto).findOneByOrFail({ id: inserted.identifiers[0].id });
      await this.audit.record(m, actor, {
        action: 'identity.photo.create',
        entityType: 'identity_photo',
        entityId: photo.id,
        centreId: stay.centreId,
        details: { stayId: stay.id, personId: stay.personId, sha256, sizeBytes: photo.sizeBytes },
      });
      return photo;
    });
  }

  /**
   * Serves the bytes to staff assigned to a centre where the person (or a record merged with it: the evidence
   * lists its photos) is or was held, or that is receiving the person by transfer (it compares the face with
   * the photo taken at the sending centre). Every read is audited first.
   */
  async read(actor: Actor, photoId: string): Promise<PhotoContent> {
    const photo = await this.dataSource
      .getRepository(IdentityPhoto)
      .createQueryBuilder('p')
      .addSelect('p.data')
      .where('p.id = :photoId', { photoId })
      .getOne();
    if (!photo) throw new NotFoundInScope('Photo');
    const centres = new Set([photo.centreId, ...(await this.subjects.centresOfGroup(photo.personId))]);
    const allowed =
      actor.centreIds.some((c) => centres.has(c)) ||
      (await this.subjects.isIncomingPerson(actor, photo.personId));
    if (!allowed) throw new NotFoundInScope('Photo');
    await this.audit.recordAlone(actor, {
      action: 'identity.photo.read',
      entityType: 'identity_photo',
      entityId: photo.id,
      centreId: photo.centreId,
      details: { personId: photo.personId, stayId: photo.stayId },
    });
    return { contentType: photo.contentType, sha256: photo.sha256, data: photo.data };
  }
}
