import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { Role } from '../../auth/role.enum';
import { ApiErrors } from '../../common/http/api-responses.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { AbandonPropertyDto, UnclaimedNoticeDto } from '../dto/exit-operations.dto';
import { UnclaimedEntryDto } from '../dto/property-responses.dto';
import { PROPERTY_READERS, PROPERTY_WRITERS } from '../property.roles';
import { UnclaimedService } from './unclaimed.service';

@ApiTags('property')
@Controller()
export class UnclaimedController {
  constructor(private readonly unclaimed: UnclaimedService) {}

  @Get('centres/:id/unclaimed-property')
  @Roles(...PROPERTY_READERS)
  @ApiOkResponse({
    type: [UnclaimedEntryDto],
    description: 'Belongings left after exit, soonest deadline first',
  })
  @ApiErrors(400, 404)
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UnclaimedEntryDto[]> {
    return this.unclaimed.list(actor, id);
  }

  @Post('stays/:stayId/property/unclaimed-notices')
  @Roles(...PROPERTY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: UnclaimedEntryDto })
  @ApiErrors(400, 404, 409)
  notify(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: UnclaimedNoticeDto,
  ): Promise<UnclaimedEntryDto> {
    return this.unclaimed.notify(actor, stayId, dto);
  }

  @Post('stays/:stayId/property/abandon')
  @HttpCode(200)
  @Roles(Role.CentreManager)
  @ApiOkResponse({ type: UnclaimedEntryDto, description: 'Everything left disposed of as abandoned' })
  @ApiErrors(400, 404, 409)
  abandon(
    @CurrentActor() actor: Actor,
    @Param('stayId', ParseUUIDPipe) stayId: string,
    @Body() dto: AbandonPropertyDto,
  ): Promise<UnclaimedEntryDto> {
    return this.unclaimed.abandon(actor, stayId, dto);
  }
}
