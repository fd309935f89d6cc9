import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import {
  BiometricReferenceResponseDto,
  CreateBiometricReferenceDto,
  CreateDistinguishingMarkDto,
  CreateIdentityDocumentDto,
  DistinguishingMarkResponseDto,
  IdentityDocumentResponseDto,
  IdentityEvidenceResponseDto,
  IdentityPhotoResponseDto,
  UploadIdentityPhotoDto,
} from './dto/evidence.dto';
import { IdentityEvidenceService } from './identity-evidence.service';
import { IdentityPhotosService, PhotoUpload } from './identity-photos.service';
import { CENTRE_STAFF, IDENTITY_WRITERS } from './identity-roles';

@ApiTags('identity')
@Controller()
export class IdentityEvidenceController {
  constructor(
    private readonly evidence: IdentityEvidenceService,
    private readonly photos: IdentityPhotosService,
  ) {}

  @Post('stays/:id/identity-documents')
  @Roles(...IDENTITY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: IdentityDocumentResponseDto })
  @ApiErrors(400, 404, 409, 422)
  addDocument(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateIdentityDocumentDto,
  ): Promise<IdentityDocumentResponseDto> {
    return this.evidence.addDocument(actor, id, dto);
  }

  @Post('stays/:id/identity-photos')
  @Roles(...IDENTITY_WRITERS)
  @UseInterceptors(FileInterceptor('photo'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadIdentityPhotoDto })
  @ApiCreatedResponse({
    type: IdentityPhotoResponseDto,
    description:
      'Stored without metadata. Uploading the same image again for the stay returns the same record',
  })
  @ApiErrors(400, 404, 409, 413, 422)
  uploadPhoto(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: PhotoUpload | undefined,
  ): Promise<IdentityPhotoResponseDto> {
    return this.photos.upload(actor, id, file);
  }

  @Get('identity-photos/:id')
  @Roles(...CENTRE_STAFF)
  @ApiProduces('image/jpeg', 'image/png')
  @ApiOkResponse({
    description:
      'The image, for staff assigned to a centre where the person is or was held. Every read is audited',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400, 404)
  async readPhoto(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const photo = await this.photos.read(actor, id);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('ETag', `"${photo.sha256}"`);
    return new StreamableFile(photo.data, { type: photo.contentType, length: photo.data.length });
  }

  @Post('stays/:id/biometric-references')
  @Roles(...IDENTITY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: BiometricReferenceResponseDto })
  @ApiErrors(400, 404, 409, 422)
  addBiometricReference(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateBiometricReferenceDto,
  ): Promise<BiometricReferenceResponseDto> {
    return this.evidence.addBiometricReference(actor, id, dto);
  }

  @Post('stays/:id/distinguishing-marks')
  @Roles(...IDENTITY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: DistinguishingMarkResponseDto })
  @ApiErrors(400, 404, 409, 422)
  addDistinguishingMark(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateDistinguishingMarkDto,
  ): Promise<DistinguishingMarkResponseDto> {
    return this.evidence.addDistinguishingMark(actor, id, dto);
  }

  @Get('stays/:id/identity-evidence')
  @Roles(...CENTRE_STAFF)
  @ApiOkResponse({
    type: IdentityEvidenceResponseDto,
    description:
      "The person's evidence from every centre, with merged records; document numbers masked. Every read is " +
      'audited (identity.evidence.read, with the ids shown)',
  })
  @ApiErrors(400, 404)
  evidenceForStay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IdentityEvidenceResponseDto> {
    return this.evidence.evidenceForStay(actor, id);
  }
}
