import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { Conflict, NotFoundInScope } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { AcknowledgeIdentityAlertDto, IdentityAlertQueryDto } from './dto/identity-alert.dto';
import { IdentityAlert, IdentityAlertStatus } from './entities/identity-alert.entity';

@Injectable()
export class IdentityAlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centres: CentresService,
  ) {}

  async list(actor: Actor, centreId: string, query: IdentityAlertQueryDto): Promise<IdentityAlert[]> {
    await this.centres.requireAccess(actor, centreId);
    return this.dataSource.getRepository(IdentityAlert).find({
      where: { centreId, ...(query.status ? { status: query.status } : {}) },
      order: { raisedAt: 'DESC' },
      take: 500,
    });
  }

  async acknowledge(actor: Actor, alertId: string, dto: AcknowledgeIdentityAlertDto): Promise<IdentityAlert> {
    const repo = this.dataSource.getRepository(IdentityAlert);
    const alert = await repo.findOneBy({ id: alertId });
    if (!alert) throw new NotFoundInScope('Identity alert');
    await this.centres.requireAccess(actor, alert.centreId).catch(() => {
      throw new NotFoundInScope('Identity alert');
    });
    if (alert.status === IdentityAlertStatus.Acknowledged) {
      throw new Conflict('ALERT_ALREADY_ACKNOWLEDGED', 'This alert was already acknowledged');
    }
    await this.dataSource.transaction(async (m) => {
      await updateVersioned(
        m,
        IdentityAlert,
        alertId,
        dto.version,
        {
          status: IdentityAlertStatus.Acknowledged,
          acknowledgedAt: new Date(),
          acknowledgedById: actor.id,
          acknowledgementNote: dto.note,
        },
        'Identity alert',
      );
      await this.audit.record(m, actor, {
        action: 'identity.alert.acknowledge',
        entityType: 'identity_alert',
        entityId: alertId,
        centreId: alert.centreId,
        details: { stayId: alert.stayId },
      });
    });
    return repo.findOneByOrFail({ id: alertId });
  }
}
