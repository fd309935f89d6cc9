import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AdmissionsModule } from './admissions/admissions.module';
import { IdentityModule } from './identity/identity.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CentresModule } from './centres/centres.module';
import { ApiExceptionFilter } from './common/errors/api-exception.filter';
import { loggerOptions } from './common/logging/logger.options';
import { ApiValidationPipe } from './common/validation/api-validation.pipe';
import { appConfig, AppConfig, configurations, databaseConfig, DatabaseConfig } from './config';
import { typeormOptions } from './database/typeorm-options';
import { DocumentsModule } from './documents/documents.module';
import { StayDocumentsModule } from './documents/stay-documents/stay-documents.module';
import { HealthModule } from './health/health.module';
import { OutboxModule } from './outbox/outbox.module';
import { PersonsModule } from './persons/persons.module';
import { PropertyModule } from './property/property.module';
import { QueueModule } from './queue/queue.module';
import { SetupModule } from './setup/setup.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: configurations,
    }),
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => loggerOptions(config),
    }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY, appConfig.KEY],
      useFactory: (db: DatabaseConfig, app: AppConfig) => ({
        ...typeormOptions(db.url, db.poolSize),
        migrationsRun: app.migrateOnStart,
      }),
    }),
    QueueModule,
    OutboxModule,
    AuditModule,
    HealthModule,
    CentresModule,
    UsersModule,
    AuthModule,
    SetupModule,
    PersonsModule,
    AdmissionsModule,
    IdentityModule,
    DocumentsModule,
    StayDocumentsModule,
    PropertyModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_PIPE, useClass: ApiValidationPipe },
  ],
})
export class AppModule {}
