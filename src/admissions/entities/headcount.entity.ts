import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';

export interface UnitCount {
  unit: string | null;
  counted: number;
  expected: number;
  difference: number;
}

/** A formal headcount of a centre, compared with the roll at the moment it was recorded. */
@Entity('headcounts')
@Index('IDX_headcounts_centre_counted_at', ['centreId', 'countedAt'])
@Check('CHK_headcounts_non_negative', `counted >= 0 AND expected >= 0`)
@Check('CHK_headcounts_difference', `difference = counted - expected`)
export class Headcount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ name: 'counted_at', type: 'timestamptz' })
  countedAt: Date;

  @Column({ name: 'counted_by_id', type: 'uuid' })
  countedById: string;

  @Column({ type: 'int' })
  counted: number;

  /** Present on the roll when the count was recorded. */
  @Column({ type: 'int' })
  expected: number;

  @Column({ type: 'int' })
  difference: number;

  @Column({ name: 'by_unit', type: 'jsonb', default: () => `'[]'` })
  byUnit: UnitCount[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
