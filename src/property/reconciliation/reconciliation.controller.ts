import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { Role } from '../../auth/role.enum';
import { ApiErrors } from '../../common/http/api-responses.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { LossReportDto, ReturnPropertyDto } from '../dto/exit-operations.dto';
import { ClaimResponseDto, ReceiptResponseDto, StayPropertyResponseDto } from '../dto/property-responses.dto';
import { PROPERTY_READERS, PROPERTY_WRITERS } from '../property.roles';
import { ReconciliationService } from './reconciliation.service';

@ApiTags('property')
@Controller('stays/:stayId/property')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Get()
  @Roles(...PROPERTY_READERS)
  @ApiOkResponse({ type: StayPropertyResponseDto })
  @ApiErrors(400, 404)
  overview(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
  ): Promise<StayPropertyResponseDto> {
    return this.reconciliation.overview(actor, stayId);
  }

  @Post('returns')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: ReceiptResponseDto,
    description:
      'The numbered return receipt to acknowledge. On an ABSCONDED or DECEASED stay: a centre manager only ' +
      '(403 MANAGER_AUTHORISATION_REQUIRED), before a witness (422 WITNESS_REQUIRED); after ABSCONDED not while ' +
      'another centre holds the person (409 PERSON_NOT_HERE); after DECEASED to the `recipient` named',
  })
  @ApiErrors(400, 404, 409, 422)
  returnProperty(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: ReturnPropertyDto,
  ): Promise<ReceiptResponseDto> {
    return this.reconciliation.returnProperty(actor, stayId, dto);
  }

  @Post('loss-reports')
  @Roles(Role.CentreManager)
  @Idempotent()
  @ApiCreatedResponse({ type: ClaimResponseDto, description: 'The claim opened, with its reference' })
  @ApiErrors(400, 404, 409, 422)
  reportLoss(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: LossReportDto,
  ): Promise<ClaimResponseDto> {
    return this.reconciliation.reportLoss(actor, stayId, dto);
  }
}
