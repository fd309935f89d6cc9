import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ExitDto, ReleaseDto } from './dto/exit.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import {
  AcceptTransferDto,
  CreateTransferDto,
  DecideTransferDto,
  TransferQueryDto,
  TransferResponseDto,
} from './dto/transfer.dto';
import { ExitsService } from './exits.service';
import { TransfersService } from './transfers.service';

const GATED =
  'Gated: a refusal answers 409 EXIT_BLOCKED with every failed gate in details ({code, message}). ' +
  'Try GET /stays/{id}/release-readiness first.';

/** The end of a stay: release, transfer to another centre, absconding or death. */
@ApiTags('exits')
@Controller()
export class ExitsController {
  constructor(
    private readonly exits: ExitsService,
    private readonly transfers: TransfersService,
  ) {}

  @Post('stays/:id/release')
  @Roles(Role.CentreManager)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StayResponseDto, description: `The RELEASED stay. ${GATED}` })
  @ApiErrors(400, 404, 409)
  release(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReleaseDto,
  ): Promise<StayResponseDto> {
    return this.exits.release(actor, id, dto);
  }

  @Post('stays/:id/exit')
  @Roles(Role.CentreManager)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: StayResponseDto,
    description: 'The stay ended as ABSCONDED or DECEASED, with a report',
  })
  @ApiErrors(400, 404, 409, 422)
  exit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ExitDto,
  ): Promise<StayResponseDto> {
    return this.exits.exit(actor, id, dto);
  }

  @Post('stays/:id/transfer')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @Idempotent()
  @ApiCreatedResponse({
    type: TransferResponseDto,
    description: `A PENDING transfer; the stay stays ACTIVE until the receiving centre accepts. ${GATED}`,
  })
  @ApiErrors(400, 404, 409, 422)
  requestTransfer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateTransferDto,
  ): Promise<TransferResponseDto> {
    return this.transfers.request(actor, id, dto);
  }

  @Get('transfers/:id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    type: TransferResponseDto,
    description: 'Visible to the sending and the receiving centre',
  })
  @ApiErrors(400, 404)
  getTransfer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TransferResponseDto> {
    return this.transfers.get(actor, id);
  }

  @Post('transfers/:id/accept')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TransferResponseDto,
    description: `Receiving centre: closes the old stay as TRANSFERRED and opens the new ACTIVE stay. ${GATED}`,
  })
  @ApiErrors(400, 404, 409)
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptTransferDto,
  ): Promise<TransferResponseDto> {
    return this.transfers.accept(actor, id, dto);
  }

  @Post('transfers/:id/reject')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: TransferResponseDto,
    description: 'Receiving centre refuses; the stay stays where it is',
  })
  @ApiErrors(400, 404, 409)
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideTransferDto,
  ): Promise<TransferResponseDto> {
    return this.transfers.reject(actor, id, dto);
  }

  @Post('transfers/:id/cancel')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TransferResponseDto, description: 'Sending centre withdraws a pending transfer' })
  @ApiErrors(400, 404, 409)
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideTransferDto,
  ): Promise<TransferResponseDto> {
    return this.transfers.cancel(actor, id, dto);
  }

  @Get('centres/:id/transfers')
  @Roles(...ALL_ROLES)
  @ApiTags('centres')
  @ApiOkResponse({ type: [TransferResponseDto], description: "The centre's incoming and outgoing transfers" })
  @ApiErrors(400, 404)
  listForCentre(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TransferQueryDto,
  ): Promise<TransferResponseDto[]> {
    return this.transfers.listForCentre(actor, id, query);
  }
}
