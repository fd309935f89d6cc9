import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { DocumentVerificationService } from './document-verification.service';
import { toDocumentResponse } from './document.mapper';
import { DocumentsService } from './documents.service';
import { DocumentQueryDto, VerifyDocumentQueryDto } from './dto/document-query.dto';
import {
  DocumentAcceptedResponseDto,
  DocumentResponseDto,
  DocumentTypeResponseDto,
  VerificationResultDto,
} from './dto/document-response.dto';
import { RequestDocumentDto } from './dto/request-document.dto';
import { languagesOf } from './rendering/document-renderer';
import { DocumentTypeRegistry } from './types/document-type.registry';

const WRITERS = [Role.IntakeOfficer, Role.CentreManager, Role.Admin];

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly verification: DocumentVerificationService,
    private readonly registry: DocumentTypeRegistry,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(...WRITERS)
  @Idempotent()
  @ApiOperation({ summary: 'Ask for a document; it is rendered on the queue (poll GET /documents/:id)' })
  @ApiAcceptedResponse({ type: DocumentAcceptedResponseDto })
  @ApiErrors(400, 404, 422)
  async request(
    @CurrentActor() actor: Actor,
    @Body() dto: RequestDocumentDto,
  ): Promise<DocumentAcceptedResponseDto> {
    const { id, status } = await this.documents.request(actor, dto);
    return { id, status };
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Documents about one subject, newest first (your centres only)' })
  @ApiOkResponse({ type: [DocumentResponseDto] })
  @ApiErrors(400)
  async list(@CurrentActor() actor: Actor, @Query() query: DocumentQueryDto): Promise<DocumentResponseDto[]> {
    return (await this.documents.list(actor, query)).map(toDocumentResponse);
  }

  @Get('types')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Document types and the languages each can be printed in' })
  @ApiOkResponse({ type: [DocumentTypeResponseDto] })
  types(): DocumentTypeResponseDto[] {
    return this.registry.list().map((d) => ({
      type: d.type,
      subjectType: d.subjectType,
      languages: languagesOf(d.template),
    }));
  }

  @Get('verify')
  @Public()
  @ApiOperation({ summary: 'Public: is this QR code (id and signature) from a document issued here?' })
  @ApiOkResponse({ type: VerificationResultDto })
  @ApiErrors(400)
  verifySignature(@Query() query: VerifyDocumentQueryDto): Promise<VerificationResultDto> {
    return this.verification.bySignature(query.id, query.sig);
  }

  @Post('verify')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Public: is this PDF, byte for byte, a document issued here? (SHA-256 match)' })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: VerificationResultDto })
  @ApiErrors(400, 413)
  verifyUpload(@Body() body: unknown): Promise<VerificationResultDto> {
    return this.verification.byContent(body);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: DocumentResponseDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DocumentResponseDto> {
    return toDocumentResponse(await this.documents.get(actor, id));
  }

  @Get(':id/file')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The PDF (audited). ETag is its SHA-256; If-None-Match answers 304' })
  @ApiProduces('application/pdf')
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotModifiedResponse({ description: 'Your copy is current' })
  @ApiErrors(400, 404, 409)
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    const file = await this.documents.download(actor, id, ifNoneMatch);
    res.setHeader('ETag', file.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (file.notModified || !file.content) {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      disposition: `inline; filename="${file.filename}"`,
      length: file.content.length,
    });
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Queue a FAILED or stuck document again',
    description:
      'Takes a document back to the queue as a new generation (its own job; the worker ignores the jobs of ' +
      'older ones) and audits `document.retry`. Accepted: a `FAILED` document, and a stuck one: `PENDING` or ' +
      '`RENDERING`, unchanged for `DOCUMENT_STUCK_AFTER_SECONDS` (300), whose job is neither in the outbox nor ' +
      'waiting, active or delayed in the queue (BullMQ failed it for stalling, or Redis lost it). Anything else ' +
      'answers 409 `DOCUMENT_NOT_RETRYABLE`, with details saying why (`status`; `updatedAt` with the time from ' +
      'which it would count as stuck; `job` with the queue state). Of two retries at once, one is accepted.',
  })
  @ApiAcceptedResponse({ type: DocumentAcceptedResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: '`QUEUE_UNAVAILABLE`: Redis did not answer, so whether the document is stuck is unknown',
  })
  async retry(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DocumentAcceptedResponseDto> {
    const { id: docId, status } = await this.documents.retry(actor, id);
    return { id: docId, status };
  }
}
