import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { Conflict, RuleViolation } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { MedicalScreeningDoneDto, OverdueMedicalScreeningDto } from './dto/medical-screening.dto';
import { StayResponseDto } from './dto/stay-response.dto';
import { Stay, StayStatus } from './entities/stay.entity';
import { StaysService } from './stays.service';

const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The medical screening deadline of each stay. Only the fact and time of the screening are recorded here;
 * its clinical content belongs to the care module.
 */
@Injectable()
export class MedicalScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly centres: CentresService,
    private readonly audit: AuditService,
  ) {}

  async markDone(actor: Actor, stayId: string, dto: MedicalScreeningDoneDto): Promise<StayResponseDto> {
    await this.dataSource.transaction(async (m) => {
      const stay = await this.stays.requireStayForUpdate(actor, stayId, m);
      this.stays.assertActive(stay);
      if (stay.medicalScreeningDoneAt) {
        throw new Conflict(
          'MEDICAL_SCREENING_RECORDED',
          'The medical screening of this stay is already recorded',
        );
      }
      const at = dto.at ? new Date(dto.at) : new Date();
      if (at.getTime() > Date.now() + CLOCK_SKEW_MS || at < stay.admittedAt) {
        throw new RuleViolation('MEDICAL_SCREENING_TIME', 'The time must be between admission and now', [
          { field: 'at', message: 'must be between the admission and now' },
        ]);
      }
      await updateVersioned(
        m,
        Stay,
        stay.id,
        stay.version,
        { medicalScreeningDoneAt: at, medicalScreeningDoneById: actor.id },
        'Stay',
      );
      await this.audit.record(m, actor, {
        action: 'stay.medical-screening-done',
        entityType: 'stay',
        entityId: stay.id,
        centreId: stay.centreId,
        details: { at: at.toISOString(), late: at > stay.medicalScreeningDueAt },
      });
    });
    return this.stays.get(actor, stayId);
  }

  /** ACTIVE stays of a centre whose medical screening deadline has passed, most overdue first. */
  async overdue(actor: Actor, centreId: string): Promise<OverdueMedicalScreeningDto[]> {
    await this.centres.requireAccess(actor, centreId);
    const now = new Date();
    const stays = await this.dataSource.getRepository(Stay).find({
      where: {
        centreId,
        status: StayStatus.Active,
        medicalScreeningDoneAt: IsNull(),
        medicalScreeningDueAt: LessThan(now),
      },
      relations: { person: true },
      order: { medicalScreeningDueAt: 'ASC' },
    });
    return stays.map((s) => ({
      stayId: s.id,
      personId: s.personId,
      givenNames: s.person!.givenNames,
      familyNames: s.person!.familyNames,
      accommodationUnit: s.accommodationUnit,
      admittedAt: s.admittedAt,
      dueAt: s.medicalScreeningDueAt,
      overdueMinutes: Math.floor((now.getTime() - s.medicalScreeningDueAt.getTime()) / 60000),
    }));
  }
}
