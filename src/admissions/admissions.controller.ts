import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { AdmissionsService } from './admissions.service';
import { CreateAdmissionDto } from './dto/create-admission.dto';
import { StayResponseDto } from './dto/stay-response.dto';

@ApiTags('admissions')
@Controller('admissions')
export class AdmissionsController {
  constructor(private readonly admissions: AdmissionsService) {}

  @Post()
  @Roles(Role.IntakeOfficer, Role.CentreManager)
  @Idempotent()
  @ApiCreatedResponse({
    type: StayResponseDto,
    description: 'The person (created or linked) and the new ACTIVE stay',
  })
  @ApiErrors(400, 404, 409, 422)
  admit(@CurrentActor() actor: Actor, @Body() dto: CreateAdmissionDto): Promise<StayResponseDto> {
    return this.admissions.admit(actor, dto);
  }
}
