import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per centre, year and series (receipts, claims). Taken with UPDATE ... RETURNING inside the creating
 * transaction, so numbers are handed out in commit order and a rolled-back request leaves no gap.
 */
@Entity('property_counters')
@Check('CHK_property_counters_series', `series IN ('receipt', 'claim')`)
export class PropertyCounter {
  @PrimaryColumn({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'text' })
  series: string;

  @Column({ name: 'last_seq', type: 'int', default: 0 })
  lastSeq: number;
}
