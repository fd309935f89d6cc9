import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { PersonSearchQueryDto, PersonSearchResultDto } from '../persons/dto/person-search.dto';
import { CorrectPersonDto } from './dto/correct-person.dto';
import { PersonSearchService } from './person-search.service';

const READERS = [Role.IntakeOfficer, Role.CentreManager, Role.MedicalStaff, Role.Auditor, Role.Admin];

@ApiTags('persons')
@Controller('persons')
export class PersonSearchController {
  constructor(private readonly search: PersonSearchService) {}

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({
    type: [PersonSearchResultDto],
    description:
      'Ranked candidates across all centres (fuzzy, accent- and case-insensitive). Give q or dateOfBirth. ' +
      'Every search is audited (person.search) with its terms and the persons shown.',
  })
  @ApiErrors(400)
  find(@CurrentActor() actor: Actor, @Query() query: PersonSearchQueryDto): Promise<PersonSearchResultDto[]> {
    return this.search.search(actor, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({
    type: PersonSearchResultDto,
    description: 'Full fields only if a stay is in your centres; audited (person.read)',
  })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PersonSearchResultDto> {
    return this.search.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @ApiOkResponse({
    type: PersonSearchResultDto,
    description:
      'Corrections, by the centre holding the person (ACTIVE stay); only the fields sent change. Making a ' +
      "child an adult needs a centre manager's ageRevisionReason (422 CHILD_AGE_REVISION)",
  })
  @ApiErrors(400, 404, 409, 422)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectPersonDto,
  ): Promise<PersonSearchResultDto> {
    return this.search.update(actor, id, dto);
  }
}
