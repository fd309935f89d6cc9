import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ALL_ROLES } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { OverdueMedicalScreeningDto } from './dto/medical-screening.dto';
import { MedicalScreeningService } from './medical-screening.service';

/** A centre's view of the people it holds: deadlines, occupancy, roll and headcounts. */
@ApiTags('centres')
@Controller('centres/:id')
export class CentreAdmissionsController {
  constructor(private readonly medical: MedicalScreeningService) {}

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
