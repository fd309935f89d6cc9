import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import {
  AcknowledgeIdentityAlertDto,
  IdentityAlertQueryDto,
  IdentityAlertResponseDto,
} from './dto/identity-alert.dto';
import { CreateIdentityVerificationDto, IdentityVerificationResponseDto } from './dto/verification.dto';
import { CheckWristbandDto, WristbandCheckResponseDto, WristbandResponseDto } from './dto/wristband.dto';
import { IdentityAlertsService } from './identity-alerts.service';
import { CENTRE_STAFF, IDENTITY_WRITERS, MANAGERS } from './identity-roles';
import { IdentityVerificationsService } from './identity-verifications.service';
import { WristbandsService } from './wristbands.service';

@ApiTags('identity')
@Controller()
export class IdentityVerificationsController {
  constructor(
    private readonly verifications: IdentityVerificationsService,
    private readonly alerts: IdentityAlertsService,
    private readonly wristbands: WristbandsService,
  ) {}

  @Post('stays/:id/wristbands')
  @Roles(...IDENTITY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: WristbandResponseDto,
    description: 'Issues a band to the stay; a band it already had is revoked (its code no longer verifies)',
  })
  @ApiErrors(400, 404, 409)
  issueWristband(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WristbandResponseDto> {
    return this.wristbands.issue(actor, id);
  }

  @Post('wristbands/check')
  @HttpCode(200)
  @Roles(...CENTRE_STAFF)
  @ApiOkResponse({ type: WristbandCheckResponseDto, description: 'Whose band this is, within your centres' })
  @ApiErrors(400)
  checkWristband(
    @CurrentActor() actor: Actor,
    @Body() dto: CheckWristbandDto,
  ): Promise<WristbandCheckResponseDto> {
    return this.wristbands.check(actor, dto.scanned);
  }

  @Post('stays/:id/identity-verifications')
  @Roles(...IDENTITY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: IdentityVerificationResponseDto,
    description:
      'The server decides MATCH, MISMATCH or INCONCLUSIVE. A MISMATCH at RELEASE or TRANSFER_* also raises an ' +
      'identity alert for the centre managers (alertId). While the stay has a pending transfer, TRANSFER_IN is ' +
      'checked only by staff of the receiving centre (422 TRANSFER_IN_NOT_RECEIVING_CENTRE otherwise)',
  })
  @ApiErrors(400, 404, 409, 422)
  verify(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateIdentityVerificationDto,
  ): Promise<IdentityVerificationResponseDto> {
    return this.verifications.verify(actor, id, dto);
  }

  @Get('stays/:id/identity-verifications')
  @Roles(...CENTRE_STAFF, Role.Auditor)
  @ApiOkResponse({ type: [IdentityVerificationResponseDto], description: 'Newest first' })
  @ApiErrors(400, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IdentityVerificationResponseDto[]> {
    return this.verifications.list(actor, id);
  }

  @Get('centres/:id/identity-alerts')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: [IdentityAlertResponseDto], description: 'Newest first, at most 500' })
  @ApiErrors(400, 404)
  listAlerts(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: IdentityAlertQueryDto,
  ): Promise<IdentityAlertResponseDto[]> {
    return this.alerts.list(actor, id, query);
  }

  @Post('identity-alerts/:id/acknowledge')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: IdentityAlertResponseDto })
  @ApiErrors(400, 404, 409)
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcknowledgeIdentityAlertDto,
  ): Promise<IdentityAlertResponseDto> {
    return this.alerts.acknowledge(actor, id, dto);
  }
}
