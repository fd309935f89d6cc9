import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ApiErrors } from '../common/http/api-responses.decorator';
import { AuditService } from './audit.service';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Auditor, Role.Admin)
  @ApiOkResponse({
    type: [AuditEventResponseDto],
    description:
      'Newest first; auditors see their centres and global events. Each read is audited (audit.read)',
  })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditEventResponseDto[]> {
    return this.audit.list(actor, query);
  }
}
