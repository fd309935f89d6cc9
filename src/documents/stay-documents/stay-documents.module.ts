import { Module } from '@nestjs/common';
import { AdmissionsModule } from '../../admissions/admissions.module';
import { CentresModule } from '../../centres/centres.module';
import { UsersModule } from '../../users/users.module';
import { DocumentsModule } from '../documents.module';
import { StayDocumentTypes } from './stay-documents';

/** Registers the stay documents; separate from DocumentsModule so admissions can import that one. */
@Module({
  imports: [DocumentsModule, AdmissionsModule, CentresModule, UsersModule],
  providers: [StayDocumentTypes],
})
export class StayDocumentsModule {}
