import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CentresService } from './centres.service';
import { CentreResponseDto } from './dto/centre-response.dto';
import { CreateCentreDto } from './dto/create-centre.dto';
import { UpdateCentreDto } from './dto/update-centre.dto';

@ApiTags('centres')
@Controller('centres')
export class CentresController {
  constructor(private readonly centres: CentresService) {}

  @Post()
  @Roles(Role.Admin)
  @Idempotent()
  @ApiCreatedResponse({ type: CentreResponseDto })
  @ApiErrors(400, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCentreDto): Promise<CentreResponseDto> {
    return this.centres.create(actor, dto);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    type: [CentreResponseDto],
    description: 'The centres you are assigned to (all, for admins)',
  })
  list(@CurrentActor() actor: Actor): Promise<CentreResponseDto[]> {
    return this.centres.list(actor);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: CentreResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CentreResponseDto> {
    return this.centres.requireAccess(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({
    type: CentreResponseDto,
    description:
      'A centre holding children cannot become custody or detention (422 CHILDREN_IN_ADULT_REGIME)',
  })
  @ApiErrors(400, 404, 409, 422)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCentreDto,
  ): Promise<CentreResponseDto> {
    return this.centres.update(actor, id, dto);
  }
}
