import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import {
  DecideMatchDto,
  IdentityHistoryResponseDto,
  MatchCandidatesResponseDto,
  MatchDecisionResponseDto,
  PersonMergeResponseDto,
  UnmergeDto,
} from './dto/matching.dto';
import { IdentityHistoryService } from './identity-history.service';
import { IDENTITY_WRITERS, MANAGERS } from './identity-roles';
import { PersonMatchingService } from './person-matching.service';
import { PersonMergesService } from './person-merges.service';

@ApiTags('identity')
@Controller()
export class PersonIdentityController {
  constructor(
    private readonly matching: PersonMatchingService,
    private readonly merges: PersonMergesService,
    private readonly history: IdentityHistoryService,
  ) {}

  @Get('persons/:id/match-candidates')
  @Roles(...IDENTITY_WRITERS, Role.Admin)
  @ApiOkResponse({
    type: MatchCandidatesResponseDto,
    description:
      'Other person records that may be this person: same document and country or same photo (certain); ' +
      'similar name, birth date within a year and a shared nationality (probable). Call right after admission. ' +
      'Audited (person.match_candidates) with the persons shown',
  })
  @ApiErrors(400, 404)
  candidates(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MatchCandidatesResponseDto> {
    return this.matching.candidates(actor, id);
  }

  @Post('persons/:id/match-decisions')
  @Roles(...IDENTITY_WRITERS)
  @Idempotent()
  @ApiCreatedResponse({
    type: MatchDecisionResponseDto,
    description:
      'confirmed merges the candidate into this person (reversible; a centre manager only, else 403 MANAGER_AUTHORISATION_REQUIRED); rejected stops proposing it. Only a pair the evidence links (shared document or photo, or similar name, birth date and nationality) can be decided: otherwise 422 NOT_A_MATCH_CANDIDATE. Audited in the chains of the centres of both records.',
  })
  @ApiErrors(400, 404, 409, 422)
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideMatchDto,
  ): Promise<MatchDecisionResponseDto> {
    return this.merges.decide(actor, id, dto);
  }

  @Get('persons/:id/merges')
  @Roles(...IDENTITY_WRITERS, Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: [PersonMergeResponseDto] })
  @ApiErrors(400, 404)
  listMerges(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PersonMergeResponseDto[]> {
    return this.merges.listForPerson(actor, id);
  }

  @Post('person-merges/:id/unmerge')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({
    type: PersonMergeResponseDto,
    description: 'Both records are as they were before the merge',
  })
  @ApiErrors(400, 404, 409)
  unmerge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UnmergeDto,
  ): Promise<PersonMergeResponseDto> {
    return this.merges.unmerge(actor, id, dto);
  }

  @Get('persons/:id/identity-history')
  @Roles(...IDENTITY_WRITERS, Role.Admin, Role.Auditor)
  @ApiOkResponse({
    type: IdentityHistoryResponseDto,
    description: "Every read is audited (identity.history.read, in the chains of the caller's centres)",
  })
  @ApiErrors(400, 404)
  identityHistory(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IdentityHistoryResponseDto> {
    return this.history.history(actor, id);
  }
}
