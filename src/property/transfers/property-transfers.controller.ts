import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { Role } from '../../auth/role.enum';
import { ApiErrors } from '../../common/http/api-responses.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import {
  ResolveDiscrepancyDto,
  ReverseHandoverDto,
  TransferArrivalDto,
  TransferHandoverDto,
} from '../dto/exit-operations.dto';
import {
  ArrivalResponseDto,
  ReceiptResponseDto,
  ResolveDiscrepancyResponseDto,
} from '../dto/property-responses.dto';
import { PROPERTY_WRITERS } from '../property.roles';
import { PropertyTransfersService } from './property-transfers.service';
import { SealDiscrepanciesService } from './seal-discrepancies.service';

@ApiTags('property')
@Controller()
export class PropertyTransfersController {
  constructor(
    private readonly transfers: PropertyTransfersService,
    private readonly discrepancies: SealDiscrepanciesService,
  ) {}

  @Post('stays/:stayId/property/transfer-handover')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: ReceiptResponseDto,
    description: 'The numbered transfer receipt to acknowledge',
  })
  @ApiErrors(400, 404, 409, 422)
  handover(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: TransferHandoverDto,
  ): Promise<ReceiptResponseDto> {
    return this.transfers.handover(actor, stayId, dto);
  }

  @Post('stays/:stayId/property/transfer-handover/reversal')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: ReceiptResponseDto,
    description:
      'Belongings handed over for a transfer that is not going ahead, back in store: the amendment receipt to acknowledge',
  })
  @ApiErrors(400, 404, 409, 422)
  reverseHandover(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: ReverseHandoverDto,
  ): Promise<ReceiptResponseDto> {
    return this.transfers.reverseHandover(actor, stayId, dto);
  }

  @Post('stays/:stayId/property/transfer-arrival')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: ArrivalResponseDto,
    description: 'Seals matched (trimmed, case-insensitive), discrepancies opened, and the intake receipt',
  })
  @ApiErrors(400, 404, 409, 422)
  arrival(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: TransferArrivalDto,
  ): Promise<ArrivalResponseDto> {
    return this.transfers.arrival(actor, stayId, dto);
  }

  @Post('property-seal-discrepancies/:id/resolve')
  @HttpCode(200)
  @Roles(Role.CentreManager)
  @ApiOkResponse({
    type: ResolveDiscrepancyResponseDto,
    description: 'The discrepancy resolved, with the claim (`lost`) or the receipt (`found`) it gave rise to',
  })
  @ApiErrors(400, 404, 409, 422)
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResolveDiscrepancyDto,
  ): Promise<ResolveDiscrepancyResponseDto> {
    return this.discrepancies.resolve(actor, id, dto);
  }
}
