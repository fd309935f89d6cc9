import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { GroupMemberDto } from './dto/group-member.dto';
import { MedicalScreeningDoneDto } from './dto/medical-screening.dto';
import { CreateReferralDto, ReferralResponseDto, UpdateReferralStatusDto } from './dto/referral.dto';
import { CreateScreeningDto, ScreeningResponseDto, ScreeningResultDto } from './dto/screening.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import { MedicalScreeningService } from './medical-screening.service';
import { ReferralsService } from './referrals.service';
import { ScreeningService } from './screening.service';
import { StaysService } from './stays.service';

/** Reception screening, referrals, the medical screening deadline and arrival groups of a stay. */
@ApiTags('screening')
@Controller()
export class ScreeningController {
  constructor(
    private readonly screening: ScreeningService,
    private readonly referrals: ReferralsService,
    private readonly medical: MedicalScreeningService,
    private readonly stays: StaysService,
  ) {}

  @Post('stays/:id/screening')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @Idempotent()
  @ApiCreatedResponse({
    type: ScreeningResultDto,
    description: 'The screening (first or amendment), its attention decision and the referrals of the stay',
  })
  @ApiErrors(400, 404, 409, 422)
  record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateScreeningDto,
  ): Promise<ScreeningResultDto> {
    return this.screening.record(actor, id, dto);
  }

  @Get('stays/:id/screening')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    type: [ScreeningResponseDto],
    description: 'Every version, newest (current) first; audited (screening.read)',
  })
  @ApiErrors(400, 404)
  history(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ScreeningResponseDto[]> {
    return this.screening.history(actor, id);
  }

  @Get('stays/:id/referrals')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    type: [ReferralResponseDto],
    description: "Audited (referral.read): a referral's reasons are the screening's indicators",
  })
  @ApiErrors(400, 404)
  listReferrals(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReferralResponseDto[]> {
    return this.referrals.list(actor, id);
  }

  @Post('stays/:id/referrals')
  @Roles(Role.IntakeOfficer, Role.CentreManager, Role.MedicalStaff)
  @Idempotent()
  @ApiCreatedResponse({ type: ReferralResponseDto, description: 'A referral the screening did not imply' })
  @ApiErrors(400, 404, 409)
  createReferral(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateReferralDto,
  ): Promise<ReferralResponseDto> {
    return this.referrals.create(actor, id, dto);
  }

  @Patch('referrals/:id')
  @Roles(Role.IntakeOfficer, Role.CentreManager, Role.MedicalStaff)
  @ApiOkResponse({
    type: ReferralResponseDto,
    description:
      'PENDING → SENT → ACCEPTED or DECLINED. A CHILD_PROTECTION referral is DECLINED only by a centre manager, ' +
      "with the authority's answer in note (422 CHILD_PROTECTION_DECLINE otherwise)",
  })
  @ApiErrors(400, 404, 409, 422)
  updateReferral(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateReferralStatusDto,
  ): Promise<ReferralResponseDto> {
    return this.referrals.updateStatus(actor, id, dto);
  }

  @Post('stays/:id/medical-screening-done')
  @Roles(Role.MedicalStaff)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StayResponseDto, description: 'Records the time only; clinical notes go to care' })
  @ApiErrors(400, 404, 409, 422)
  medicalScreeningDone(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MedicalScreeningDoneDto,
  ): Promise<StayResponseDto> {
    return this.medical.markDone(actor, id, dto);
  }

  @Get('stays/:id/group')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [GroupMemberDto], description: 'The people admitted together with this stay' })
  @ApiErrors(400, 404)
  group(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<GroupMemberDto[]> {
    return this.stays.group(actor, id);
  }
}
