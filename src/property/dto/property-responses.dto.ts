import { ApiProperty } from '@nestjs/swagger';
import {
  BagStatus,
  CashMovementType,
  ClaimKind,
  DiscrepancyKind,
  DiscrepancyOutcome,
  ItemCategory,
  ItemMovementType,
  ItemStatus,
  ReceiptType,
} from '../property.enums';

export class ItemResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ enum: ItemCategory }) category: ItemCategory;
  @ApiProperty() description: string;
  @ApiProperty() quantity: number;
  @ApiProperty() condition: string;
  @ApiProperty({ nullable: true }) serialNumber: string | null;
  @ApiProperty({ nullable: true, description: 'Minor units' }) estimatedValueMinor: number | null;
  @ApiProperty({ nullable: true }) valueCurrency: string | null;
  @ApiProperty({ nullable: true }) photoRef: string | null;
  @ApiProperty() storageLocation: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) bagId: string | null;
  @ApiProperty({ enum: ItemStatus }) status: ItemStatus;
  @ApiProperty() valuable: boolean;
  @ApiProperty({ nullable: true, format: 'uuid' }) intakeWitnessId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) returnWitnessId: string | null;
  @ApiProperty({ nullable: true }) seizedAuthority: string | null;
  @ApiProperty({ nullable: true }) seizedReference: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) disposalAuthorisedBy: string | null;
  @ApiProperty({ nullable: true }) disposalReason: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) claimId: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ItemMovementResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: ItemMovementType }) type: ItemMovementType;
  @ApiProperty({ enum: ItemStatus, nullable: true }) fromStatus: ItemStatus | null;
  @ApiProperty({ enum: ItemStatus }) toStatus: ItemStatus;
  @ApiProperty({ nullable: true }) fromLocation: string | null;
  @ApiProperty() toLocation: string;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ nullable: true }) authority: string | null;
  @ApiProperty({ nullable: true }) reference: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) authorisedBy: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) witnessId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) claimId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) receiptId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) correctsMovementId: string | null;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() occurredAt: Date;
}

export class BagResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sealNumber: string;
  @ApiProperty() sealNormalised: string;
  @ApiProperty({ enum: BagStatus }) status: BagStatus;
  @ApiProperty({ nullable: true, format: 'uuid' }) transferToCentreId: string | null;
}

export class CashAccountResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Integer minor units' }) balanceMinor: number;
  @ApiProperty({ example: '120.00 USD' }) balance: string;
  @ApiProperty() version: number;
}

export class CashMovementResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ enum: CashMovementType }) type: CashMovementType;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Signed change in minor units' }) amountMinor: number;
  @ApiProperty() balanceAfterMinor: number;
  @ApiProperty({ nullable: true }) purpose: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) claimId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) receiptId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) correctsMovementId: string | null;
  @ApiProperty() occurredAt: Date;
}

export class ReceiptItemLineDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() category: string;
  @ApiProperty() description: string;
  @ApiProperty() quantity: number;
  @ApiProperty() condition: string;
  @ApiProperty({ nullable: true }) serialNumber: string | null;
  @ApiProperty({ nullable: true }) estimatedValue: string | null;
  @ApiProperty({ nullable: true }) sealNumber: string | null;
  @ApiProperty() storageLocation: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) witnessId: string | null;
  @ApiProperty({ nullable: true }) witnessName: string | null;
}

export class ReceiptCashLineDto {
  @ApiProperty() currency: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty({ example: '120.00 USD' }) amount: string;
}

export class ReceiptClaimLineDto {
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ClaimKind }) kind: string;
  @ApiProperty() summary: string;
}

export class ReceiptLinesDto {
  @ApiProperty({ type: [ReceiptItemLineDto] }) items: ReceiptItemLineDto[];
  @ApiProperty({ type: [ReceiptCashLineDto] }) cash: ReceiptCashLineDto[];
  @ApiProperty({ type: [ReceiptClaimLineDto] }) claims: ReceiptClaimLineDto[];
}

export class ReceiptCentreDto {
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty() timeZone: string;
}

export class ReceiptSignatoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ReceiptRecipientDto {
  @ApiProperty() name: string;
  @ApiProperty() relationship: string;
}

export class ReceiptSnapshotDto {
  @ApiProperty({ type: ReceiptCentreDto }) centre: ReceiptCentreDto;
  @ApiProperty({ type: [ReceiptSignatoryDto] }) officers: ReceiptSignatoryDto[];
  @ApiProperty({ type: ReceiptSignatoryDto, nullable: true }) refusalWitness: ReceiptSignatoryDto | null;
  @ApiProperty({
    type: ReceiptRecipientDto,
    nullable: true,
    required: false,
    description: "Return of a DECEASED stay: who received the belongings and signed in the person's place",
  })
  recipient?: ReceiptRecipientDto | null;
}

export class ReceiptResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ enum: ReceiptType }) type: ReceiptType;
  @ApiProperty({ example: 'RC-TAP-01-2026-000123' }) number: string;
  @ApiProperty({ type: ReceiptLinesDto }) lines: ReceiptLinesDto;
  @ApiProperty({ type: ReceiptSnapshotDto, description: 'Centre and signatories as printed on the receipt' })
  snapshot: ReceiptSnapshotDto;
  @ApiProperty({ nullable: true, format: 'uuid' }) receivingCentreId: string | null;
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true }) signatureSha256: string | null;
  @ApiProperty() refusedToSign: boolean;
  @ApiProperty({ nullable: true, format: 'uuid' }) refusalWitnessId: string | null;
  @ApiProperty({ type: [String] }) officerIds: string[];
  @ApiProperty({ nullable: true }) acknowledgedAt: Date | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) documentId: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
}

export class ClaimResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CL-TAP-01-2026-000001' }) reference: string;
  @ApiProperty({ enum: ClaimKind }) kind: ClaimKind;
  @ApiProperty() report: string;
  @ApiProperty({ type: [String] }) itemIds: string[];
  @ApiProperty({ type: [ReceiptCashLineDto] }) cash: ReceiptCashLineDto[];
  @ApiProperty({ format: 'uuid' }) openedBy: string;
  @ApiProperty() openedAt: Date;
}

export class SealDiscrepancyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ enum: DiscrepancyKind }) kind: DiscrepancyKind;
  @ApiProperty() sealNumber: string;
  @ApiProperty({ nullable: true }) resolution: string | null;
  @ApiProperty({
    enum: DiscrepancyOutcome,
    nullable: true,
    description:
      'How a missing seal was settled: `found` (taken in on a receipt) or `lost` (a claim on this stay); null ' +
      'while open, for an unknown seal, and for one resolved with words alone before outcomes existed',
  })
  outcome: DiscrepancyOutcome | null;
  @ApiProperty({ nullable: true }) resolvedAt: Date | null;
  @ApiProperty() version: number;
}

export class ResolveDiscrepancyResponseDto extends SealDiscrepancyResponseDto {
  @ApiProperty({
    type: ClaimResponseDto,
    nullable: true,
    description:
      '`lost`: the claim opened on this stay; its reference goes on the receipt the person signs at exit',
  })
  claim: ClaimResponseDto | null;
  @ApiProperty({
    type: ReceiptResponseDto,
    nullable: true,
    description: '`found`: the receipt listing what was taken into custody, for the person to acknowledge',
  })
  receipt: ReceiptResponseDto | null;
}

export class StayPropertyResponseDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ type: [ItemResponseDto] }) items: ItemResponseDto[];
  @ApiProperty({ type: [BagResponseDto] }) bags: BagResponseDto[];
  @ApiProperty({ type: [CashAccountResponseDto] }) cash: CashAccountResponseDto[];
  @ApiProperty({ type: [ReceiptResponseDto] }) receipts: ReceiptResponseDto[];
  @ApiProperty({ type: [ClaimResponseDto] }) claims: ClaimResponseDto[];
  @ApiProperty({ type: [SealDiscrepancyResponseDto] }) discrepancies: SealDiscrepancyResponseDto[];
  @ApiProperty({ type: [String], description: 'What still blocks a release (empty when reconciled)' })
  outstandingForRelease: string[];
}

export class ArrivalResponseDto {
  @ApiProperty({ type: [String] }) matched: string[];
  @ApiProperty({ type: [SealDiscrepancyResponseDto] }) discrepancies: SealDiscrepancyResponseDto[];
  @ApiProperty({ type: ReceiptResponseDto, nullable: true }) receipt: ReceiptResponseDto | null;
}

export class CashOperationResponseDto {
  @ApiProperty({ type: CashAccountResponseDto }) account: CashAccountResponseDto;
  @ApiProperty({ type: CashMovementResponseDto }) movement: CashMovementResponseDto;
}

export class LossReportResponseDto {
  @ApiProperty({ type: ClaimResponseDto }) claim: ClaimResponseDto;
}

export class UnclaimedInTransitDto {
  @ApiProperty({ type: [ItemResponseDto] }) items: ItemResponseDto[];
  @ApiProperty({ type: [ReceiptCashLineDto] }) cash: ReceiptCashLineDto[];
}

export class UnclaimedEntryDto {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() stayStatus: string;
  @ApiProperty({ nullable: true }) exitedAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'When the exit was recorded; the deadline runs from it',
  })
  exitRecordedAt: Date | null;
  @ApiProperty({ description: 'After this, a manager may mark the belongings abandoned' }) deadline: Date;
  @ApiProperty() deadlinePassed: boolean;
  @ApiProperty({ type: [ItemResponseDto] }) items: ItemResponseDto[];
  @ApiProperty({ type: [CashAccountResponseDto] }) cash: CashAccountResponseDto[];
  @ApiProperty({
    type: UnclaimedInTransitDto,
    description:
      'Handed over for a transfer that did not happen (ABSCONDED or DECEASED stays): neither taken back into ' +
      'store nor received anywhere. Take it back with the handover reversal before it can be abandoned',
  })
  inTransit: UnclaimedInTransitDto;
  @ApiProperty({ nullable: true }) noticeSentAt: Date | null;
  @ApiProperty({ nullable: true }) forwardingAddress: string | null;
  @ApiProperty({
    description:
      'The person has an ACTIVE stay again (at any centre): return the belongings to them; they cannot be abandoned',
  })
  personInCustody: boolean;
}
