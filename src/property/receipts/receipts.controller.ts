import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { ApiErrors } from '../../common/http/api-responses.decorator';
import { ReceiptResponseDto } from '../dto/property-responses.dto';
import { AcknowledgeReceiptDto } from '../dto/receipt-acknowledge.dto';
import { PROPERTY_READERS, PROPERTY_WRITERS } from '../property.roles';
import { ReceiptsService } from './receipts.service';

@ApiTags('property')
@Controller('property-receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Get(':id')
  @Roles(...PROPERTY_READERS)
  @ApiOkResponse({ type: ReceiptResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReceiptResponseDto> {
    return this.receipts.get(actor, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...PROPERTY_WRITERS)
  @ApiOkResponse({
    type: ReceiptResponseDto,
    description: 'Acknowledged: from now on the receipt never changes',
  })
  @ApiErrors(400, 404, 409, 422)
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcknowledgeReceiptDto,
  ): Promise<ReceiptResponseDto> {
    return this.receipts.acknowledge(actor, id, dto);
  }
}
