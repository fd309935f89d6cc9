import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdmissionsModule } from '../admissions/admissions.module';
import { CentresModule } from '../centres/centres.module';
import { identityConfig, IdentityConfig } from '../config/identity.config';
import { DocumentsModule } from '../documents/documents.module';
import { PersonsModule } from '../persons/persons.module';
import { BiometricReference } from './entities/biometric-reference.entity';
import { DistinguishingMark } from './entities/distinguishing-mark.entity';
import { IdentityAlert } from './entities/identity-alert.entity';
import { IdentityDocument } from './entities/identity-document.entity';
import { IdentityPhoto } from './entities/identity-photo.entity';
import { IdentityVerification } from './entities/identity-verification.entity';
import { PersonMatchDecision } from './entities/person-match-decision.entity';
import { PersonMerge } from './entities/person-merge.entity';
import { Wristband } from './entities/wristband.entity';
import { IdentityAlertsService } from './identity-alerts.service';
import { IdentityEvidenceController } from './identity-evidence.controller';
import { IdentityEvidenceService } from './identity-evidence.service';
import { IdentityHistoryService } from './identity-history.service';
import { IdentityPhotosService } from './identity-photos.service';
import { IdentitySubjectsService } from './identity-subjects.service';
import { IdentityVerificationsController } from './identity-verifications.controller';
import { IdentityVerificationsService } from './identity-verifications.service';
import { IdentityGate } from './identity.gate';
import { PersonIdentityController } from './person-identity.controller';
import { PersonMatchingService } from './person-matching.service';
import { PersonMergesService } from './person-merges.service';
import { ReleaseIdentitySection } from './release-identity.section';
import { WristbandsService } from './wristbands.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      IdentityDocument,
      IdentityPhoto,
      BiometricReference,
      DistinguishingMark,
      Wristband,
      IdentityVerification,
      IdentityAlert,
      PersonMatchDecision,
      PersonMerge,
    ]),
    // Multer keeps the upload in memory (no temporary files with faces on disk) and stops at the size limit.
    MulterModule.registerAsync({
      inject: [identityConfig.KEY],
      useFactory: (config: IdentityConfig) => ({
        limits: { fileSize: config.photoMaxBytes, files: 1, fields: 0 },
      }),
    }),
    AdmissionsModule,
    PersonsModule,
    CentresModule,
    DocumentsModule,
  ],
  controllers: [IdentityEvidenceController, IdentityVerificationsController, PersonIdentityController],
  providers: [
    IdentitySubjectsService,
    IdentityEvidenceService,
    IdentityPhotosService,
    WristbandsService,
    IdentityVerificationsService,
    IdentityAlertsService,
    PersonMatchingService,
    PersonMergesService,
    IdentityHistoryService,
    IdentityGate,
    ReleaseIdentitySection,
  ],
  exports: [PersonMatchingService, IdentityVerificationsService],
})
export class IdentityModule {}
