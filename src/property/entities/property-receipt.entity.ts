import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { ReceiptType } from '../property.enums';

export interface ReceiptItemLine {
  itemId: string;
  category: string;
  description: string;
  quantity: number;
  condition: string;
  serialNumber: string | null;
  estimatedValue: string | null;
  sealNumber: string | null;
  storageLocation: string;
  witnessId: string | null;
  witnessName: string | null;
}

export interface ReceiptCashLine {
  currency: string;
  amountMinor: number;
  /** Exact, for print: "120.00 USD". */
  amount: string;
}

export interface ReceiptClaimLine {
  reference: string;
  kind: string;
  summary: string;
}

/** Who received the belongings of a person who has died, and signed the return receipt in their place. */
export interface ReceiptRecipient {
  name: string;
  relationship: string;
}

/** Who and where, as printed: copied when the receipt is drawn up and acknowledged, never looked up again. */
export interface ReceiptSnapshot {
  centre: { name: string; code: string; timeZone: string };
  officers: { id: string; name: string }[];
  refusalWitness: { id: string; name: string } | null;
  /** Only on a return receipt of a DECEASED stay; absent on receipts drawn up before it existed. */
  recipient?: ReceiptRecipient | null;
}

export interface ReceiptLines {
  items: ReceiptItemLine[];
  cash: ReceiptCashLine[];
  claims: ReceiptClaimLine[];
}

/**
 * What was taken, added, returned or handed over, as the person acknowledged it. Numbered without gaps per
 * centre and year; a trigger refuses any change of substance once acknowledged, and any DELETE.
 */
@Entity('property_receipts')
@Unique('UQ_property_receipts_number', ['number'])
@Unique('UQ_property_receipts_seq', ['centreId', 'year', 'seq'])
@Check(
  'CHK_property_receipts_ack',
  `acknowledged_at IS NULL OR (
     ((signature_sha256 IS NOT NULL AND NOT refused_to_sign AND refusal_witness_id IS NULL)
       OR (signature_sha256 IS NULL AND refused_to_sign AND refusal_witness_id IS NOT NULL))
     AND cardinality(officer_ids) >= 1)`,
)
@Index('IDX_property_receipts_stay', ['stayId'])
export class PropertyReceipt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'enum', enum: ReceiptType, enumName: 'property_receipt_type' })
  type: ReceiptType;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'jsonb' })
  lines: ReceiptLines;

  @Column({ type: 'jsonb' })
  snapshot: ReceiptSnapshot;

  /** For a transfer receipt: the receiving centre. */
  @Column({ name: 'receiving_centre_id', type: 'uuid', nullable: true })
  receivingCentreId: string | null;

  @Column({ type: 'text', default: 'es' })
  language: string;

  @Column({ name: 'signature_sha256', type: 'text', nullable: true })
  signatureSha256: string | null;

  @Column({ name: 'refused_to_sign', type: 'boolean', default: false })
  refusedToSign: boolean;

  @Column({ name: 'refusal_witness_id', type: 'uuid', nullable: true })
  refusalWitnessId: string | null;

  @Column({ name: 'officer_ids', type: 'uuid', array: true, default: () => `'{}'` })
  officerIds: string[];

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** The generated PDF (documents module), set after acknowledgement. */
  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
