import { Module } from '@nestjs/common';
import { CentresModule } from '../centres/centres.module';
import { UsersModule } from '../users/users.module';
import { FirstRunService } from './first-run.service';

@Module({ imports: [UsersModule, CentresModule], providers: [FirstRunService] })
export class SetupModule {}
