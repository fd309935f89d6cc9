import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { ApiErrors } from '../../common/http/api-responses.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { CashDepositDto, CashWithdrawalDto, CorrectionDto } from '../dto/cash-operation.dto';
import { CashMovementResponseDto, CashOperationResponseDto } from '../dto/property-responses.dto';
import { PROPERTY_READERS, PROPERTY_WRITERS } from '../property.roles';
import { CashService } from './cash.service';

@ApiTags('property')
@Controller()
export class CashController {
  constructor(private readonly cash: CashService) {}

  @Post('stays/:stayId/property/cash/deposits')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: CashOperationResponseDto })
  @ApiErrors(400, 404, 409, 422)
  deposit(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: CashDepositDto,
  ): Promise<CashOperationResponseDto> {
    return this.cash.deposit(actor, stayId, dto);
  }

  @Post('stays/:stayId/property/cash/withdrawals')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: CashOperationResponseDto })
  @ApiErrors(400, 404, 409, 422)
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: CashWithdrawalDto,
  ): Promise<CashOperationResponseDto> {
    return this.cash.withdraw(actor, stayId, dto);
  }

  @Get('stays/:stayId/property/cash/movements')
  @Roles(...PROPERTY_READERS)
  @ApiOkResponse({ type: [CashMovementResponseDto] })
  @ApiErrors(400, 404)
  movements(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
  ): Promise<CashMovementResponseDto[]> {
    return this.cash.movements(actor, stayId);
  }

  @Post('cash-movements/:id/corrections')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: CashOperationResponseDto, description: 'The correcting movement' })
  @ApiErrors(400, 404, 409, 422)
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectionDto,
  ): Promise<CashOperationResponseDto> {
    return this.cash.correct(actor, id, dto);
  }
}
