import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdmissionsModule } from '../admissions/admissions.module';
import { CentresModule } from '../centres/centres.module';
import { UsersModule } from '../users/users.module';
import { CashController } from './cash/cash.controller';
import { CashService } from './cash/cash.service';
import { CashAccount } from './entities/cash-account.entity';
import { CashMovement } from './entities/cash-movement.entity';
import { PropertyBag } from './entities/property-bag.entity';
import { PropertyClaim } from './entities/property-claim.entity';
import { PropertyCounter } from './entities/property-counter.entity';
import { PropertyItem } from './entities/property-item.entity';
import { PropertyMovement } from './entities/property-movement.entity';
import { PropertyReceipt } from './entities/property-receipt.entity';
import { SealDiscrepancy } from './entities/seal-discrepancy.entity';
import { UnclaimedNotice } from './entities/unclaimed-notice.entity';
import { ItemsController } from './items/items.controller';
import { ItemsService } from './items/items.service';
import { PropertyScopeService } from './property-scope.service';
import { ReceiptsController } from './receipts/receipts.controller';
import { ReceiptsService } from './receipts/receipts.service';
import { PropertyExitGate } from './reconciliation/property-exit.gate';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { PropertyTransfersController } from './transfers/property-transfers.controller';
import { PropertyTransfersService } from './transfers/property-transfers.service';
import { SealDiscrepanciesService } from './transfers/seal-discrepancies.service';
import { DocumentsModule } from '../documents/documents.module';
import { PersonsModule } from '../persons/persons.module';
import { ReceiptDocumentType } from './receipts/receipt-document.type';
import { UnclaimedController } from './unclaimed/unclaimed.controller';
import { UnclaimedService } from './unclaimed/unclaimed.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      PropertyItem,
      PropertyBag,
      PropertyMovement,
      CashAccount,
      CashMovement,
      PropertyReceipt,
      PropertyCounter,
      PropertyClaim,
      SealDiscrepancy,
      UnclaimedNotice,
    ]),
    AdmissionsModule,
    CentresModule,
    UsersModule,
    DocumentsModule,
    PersonsModule,
  ],
  controllers: [
    ItemsController,
    CashController,
    ReceiptsController,
    ReconciliationController,
    PropertyTransfersController,
    UnclaimedController,
  ],
  providers: [
    PropertyScopeService,
    ItemsService,
    CashService,
    ReceiptsService,
    ReconciliationService,
    PropertyTransfersService,
    SealDiscrepanciesService,
    UnclaimedService,
    PropertyExitGate,
    ReceiptDocumentType,
  ],
  exports: [ReconciliationService],
})
export class PropertyModule {}
