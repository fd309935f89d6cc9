import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { bigintAsNumber } from './bigint.transformer';

/**
 * Cash held for a stay in one currency. The balance only changes together with a cash movement (one conditional
 * UPDATE + INSERT in one transaction) and can never go negative.
 */
@Entity('cash_accounts')
@Unique('UQ_cash_accounts_stay_currency', ['stayId', 'currency'])
@Check('CHK_cash_accounts_balance', `balance_minor >= 0`)
@Check('CHK_cash_accounts_currency', `currency ~ '^[A-Z]{3}$'`)
export class CashAccount {
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

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'balance_minor', type: 'bigint', default: 0, transformer: bigintAsNumber })
  balanceMinor: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
