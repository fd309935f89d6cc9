import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ALL_ROLES, Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { OverdueMedicalScreeningDto } from './dto/medical-screening.dto';
import {
  CreateHeadcountDto,
  HeadcountResponseDto,
  OccupancyResponseDto,
  RollResponseDto,
} from './dto/occupancy.dto';
import { MedicalScreeningService } from './medical-screening.service';
import { OccupancyService } from './occupancy.service';

/** A centre's view of the people it holds: deadlines, occupancy, roll and headcounts. */
@ApiTags('centres')
@Controller('centres/:id')
export class CentreAdmissionsController {
  constructor(
    private readonly medical: MedicalScreeningService,
    private readonly occupancy: OccupancyService,
  ) {}

  @Get('occupancy')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    type: OccupancyResponseDto,
    description: 'Present against capacity, by sex, age band, nationality and vulnerability',
  })
  @ApiErrors(400, 404)
  getOccupancy(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OccupancyResponseDto> {
    return this.occupancy.occupancy(actor, id);
  }

  @Get('roll')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: RollResponseDto, description: 'Who is present, by accommodation unit' })
  @ApiErrors(400, 404)
  roll(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RollResponseDto> {
    return this.occupancy.roll(actor, id);
  }

  @Post('counts')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @Idempotent()
  @ApiCreatedResponse({
    type: HeadcountResponseDto,
    description: 'A formal headcount; a difference from the roll is flagged (discrepancy)',
  })
  @ApiErrors(400, 404, 422)
  recordHeadcount(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateHeadcountDto,
  ): Promise<HeadcountResponseDto> {
    return this.occupancy.recordHeadcount(actor, id, dto);
  }

  @Get('counts')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [HeadcountResponseDto], description: 'The last 100 headcounts, newest first' })
  @ApiErrors(400, 404)
  headcounts(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<HeadcountResponseDto[]> {
    return this.occupancy.headcounts(actor, id);
  }

  @Get('overdue-medical-screenings')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [OverdueMedicalScreeningDto], description: 'ACTIVE stays past the deadline' })
  @ApiErrors(400, 404)
  overdueMedicalScreenings(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OverdueMedicalScreeningDto[]> {
    return this.medical.overdue(actor, id);
  }
}
