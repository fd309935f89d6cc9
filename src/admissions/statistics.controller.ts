import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ALL_ROLES } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { AdmissionStatisticsQueryDto, AdmissionStatisticsResponseDto } from './dto/statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('admissions')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: AdmissionStatisticsResponseDto, description: 'Counts only, across all centres' })
  @ApiErrors(400, 422)
  admissions(@Query() query: AdmissionStatisticsQueryDto): Promise<AdmissionStatisticsResponseDto> {
    return this.statistics.admissions(query);
  }
}
