import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { ApiErrors } from '../../common/http/api-responses.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { CorrectionDto } from '../dto/cash-operation.dto';
import { IntakeDto } from '../dto/intake.dto';
import { ItemMovementDto } from '../dto/item-movement.dto';
import { ItemMovementResponseDto, ItemResponseDto, ReceiptResponseDto } from '../dto/property-responses.dto';
import { PROPERTY_READERS, PROPERTY_WRITERS } from '../property.roles';
import { ItemsService } from './items.service';

@ApiTags('property')
@Controller()
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Post('stays/:stayId/property/intake')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: ReceiptResponseDto,
    description: 'Items, seals and cash taken in; the numbered intake (or amendment) receipt to acknowledge',
  })
  @ApiErrors(400, 404, 409, 422)
  intake(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: IntakeDto,
  ): Promise<ReceiptResponseDto> {
    return this.items.intake(actor, stayId, dto);
  }

  @Post('property-items/:id/movements')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: ItemResponseDto, description: 'The item after the movement' })
  @ApiErrors(400, 404, 409, 422)
  move(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ItemMovementDto,
  ): Promise<ItemResponseDto> {
    return this.items.move(actor, id, dto);
  }

  @Get('property-items/:id/movements')
  @Roles(...PROPERTY_READERS)
  @ApiOkResponse({ type: [ItemMovementResponseDto] })
  @ApiErrors(400, 404)
  movements(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ItemMovementResponseDto[]> {
    return this.items.movements(actor, id);
  }

  @Post('property-movements/:id/corrections')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: ItemResponseDto, description: 'The item after the correcting movement' })
  @ApiErrors(400, 404, 409, 422)
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectionDto,
  ): Promise<ItemResponseDto> {
    return this.items.correct(actor, id, dto);
  }
}
