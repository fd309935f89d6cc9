import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CentresModule } from '../centres/centres.module';
import { DocumentsModule } from '../documents/documents.module';
import { PersonsModule } from '../persons/persons.module';
import { AdmissionsController } from './admissions.controller';
import { ChildSeparationService } from './child-separation.service';
import { AdmissionsService } from './admissions.service';
import { Headcount } from './entities/headcount.entity';
import { Referral } from './entities/referral.entity';
import { Screening } from './entities/screening.entity';
import { Stay } from './entities/stay.entity';
import { Transfer } from './entities/transfer.entity';
import { CentreAdmissionsController } from './centre-admissions.controller';
import { ExitsController } from './exits.controller';
import { ExitsService } from './exits.service';
import { ExitGateRegistry } from './gates/exit-gate.registry';
import { ChildrenInAdultRegimeCheck } from './children-in-adult-regime.check';
import { ChildProtectionGate } from './gates/child-protection.gate';
import { LegalBasisGate } from './gates/legal-basis.gate';
import { OccupancyService } from './occupancy.service';
import { PersonSearchController } from './person-search.controller';
import { PersonSearchService } from './person-search.service';
import { MedicalScreeningService } from './medical-screening.service';
import { ReferralsService } from './referrals.service';
import { ScreeningController } from './screening.controller';
import { ScreeningService } from './screening.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';
import { StaysController } from './stays.controller';
import { StaysService } from './stays.service';
import { TransfersService } from './transfers.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Stay, Screening, Referral, Transfer, Headcount]),
    CentresModule,
    PersonsModule,
    DocumentsModule,
  ],
  controllers: [
    AdmissionsController,
    StaysController,
    ScreeningController,
    ExitsController,
    CentreAdmissionsController,
    PersonSearchController,
    StatisticsController,
  ],
  providers: [
    AdmissionsService,
    StaysService,
    ScreeningService,
    ReferralsService,
    ChildSeparationService,
    MedicalScreeningService,
    ExitsService,
    TransfersService,
    PersonSearchService,
    OccupancyService,
    StatisticsService,
    ExitGateRegistry,
    LegalBasisGate,
    ChildProtectionGate,
    ChildrenInAdultRegimeCheck,
  ],
  exports: [StaysService, TransfersService, ExitGateRegistry],
})
export class AdmissionsModule {}
