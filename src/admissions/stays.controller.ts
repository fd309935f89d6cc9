import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { ReleaseReadinessQueryDto, ReleaseReadinessResponseDto } from './dto/release-readiness.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import { UpdateStayDto } from './dto/update-stay.dto';
import { ExitsService } from './exits.service';
import { StaysService } from './stays.service';

@ApiTags('stays')
@Controller('stays')
export class StaysController {
  constructor(
    private readonly stays: StaysService,
    private readonly exits: ExitsService,
  ) {}

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: StayResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StayResponseDto> {
    return this.stays.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @ApiOkResponse({
    type: StayResponseDto,
    description: 'Accommodation unit or legal basis of an ACTIVE stay',
  })
  @ApiErrors(400, 404, 409, 422)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateStayDto,
  ): Promise<StayResponseDto> {
    return this.stays.update(actor, id, dto);
  }

  @Get(':id/release-readiness')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    type: ReleaseReadinessResponseDto,
    description: 'Every exit gate evaluated as if the caller acted now; nothing is changed',
  })
  @ApiErrors(400, 404, 409)
  readiness(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReleaseReadinessQueryDto,
  ): Promise<ReleaseReadinessResponseDto> {
    return this.exits.readiness(actor, id, query);
  }
}
