import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditChainHead } from './entities/audit-chain-head.entity';
import { AuditEvent } from './entities/audit-event.entity';

/** Global: every module writes its audit entries through AuditService, inside its own transactions. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, AuditChainHead])],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
