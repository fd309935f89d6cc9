import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CentresModule } from '../centres/centres.module';
import { PersonsModule } from '../persons/persons.module';
import { AdmissionsController } from './admissions.controller';
import { AdmissionsService } from './admissions.service';
import { Stay } from './entities/stay.entity';
import { ExitsService } from './exits.service';
import { ExitGateRegistry } from './gates/exit-gate.registry';
import { LegalBasisGate } from './gates/legal-basis.gate';
import { StaysController } from './stays.controller';
import { StaysService } from './stays.service';

@Module({
  imports: [TypeOrmModule.forFeature([Stay]), CentresModule, PersonsModule],
  controllers: [AdmissionsController, StaysController],
  providers: [AdmissionsService, StaysService, ExitsService, ExitGateRegistry, LegalBasisGate],
  exports: [StaysService, ExitGateRegistry],
})
export class AdmissionsModule {}
