import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export enum Regime {
  Custody = 'custody',
  Shelter = 'shelter',
  Attention = 'attention',
  Detention = 'detention',
}

/** The regimes that hold adults only: no child is placed in one (see admissions' child-protection rules). */
export const ADULT_REGIMES: ReadonlySet<Regime> = new Set([Regime.Custody, Regime.Detention]);

export enum CrisisLevel {
  Green = 'GREEN',
  Yellow = 'YELLOW',
  Orange = 'ORANGE',
  Red = 'RED',
}

@Entity('centres')
@Check('CHK_centres_capacity', `capacity > 0`)
@Check('CHK_centres_code', `code ~ '^[A-Z0-9-]{2,20}$'`)
@Check('CHK_centres_country', `country ~ '^[A-Z]{2}$'`)
export class Centre {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'enum', enum: Regime, enumName: 'centre_regime' })
  regime: Regime;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({
    name: 'crisis_level',
    type: 'enum',
    enum: CrisisLevel,
    enumName: 'crisis_level',
    default: CrisisLevel.Green,
  })
  crisisLevel: CrisisLevel;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
