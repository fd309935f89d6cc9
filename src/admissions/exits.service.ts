import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { ReleaseReadinessQueryDto, ReleaseReadinessResponseDto } from './dto/release-readiness.dto';
import { Stay } from './entities/stay.entity';
import { ExitKind } from './gates/exit-gate';
import { ExitGateRegistry } from './gates/exit-gate.registry';
import { StaysService } from './stays.service';

/** Release, and the exits that are not transfers. */
@Injectable()
export class ExitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stays: StaysService,
    private readonly gates: ExitGateRegistry,
  ) {}

  /** The stay as the exit would record it: the legal basis given, the caller as authorising manager. */
  static candidate(stay: Stay, actor: Actor, legalBasis: string | undefined): Stay {
    return Object.assign(new Stay(), stay, {
      exitLegalBasis: legalBasis ?? stay.exitLegalBasis,
      exitAuthorisedById: hasRole(actor, Role.CentreManager) ? actor.id : stay.exitAuthorisedById,
    });
  }

  /** Evaluates every gate as if the caller acted now with these values, without changing anything. */
  async readiness(
    actor: Actor,
    stayId: string,
    query: ReleaseReadinessQueryDto,
  ): Promise<ReleaseReadinessResponseDto> {
    const kind: ExitKind = query.kind ?? 'RELEASE';
    const failures = await this.dataSource.transaction(async (manager) => {
      const stay = await this.stays.requireStay(actor, stayId, manager);
      this.stays.assertActive(stay);
      return this.gates.evaluate({
        manager,
        actor,
        stay: ExitsService.candidate(stay, actor, query.legalBasis),
        kind,
        releaseTo: query.releaseTo,
        receivingCentreId: query.receivingCentreId,
      });
    });
    return { stayId, kind, ready: failures.length === 0, gates: this.gates.names, failures };
  }
}
