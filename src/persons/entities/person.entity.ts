import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export enum Sex {
  Female = 'F',
  Male = 'M',
  Other = 'X',
  Unknown = 'unknown',
}

export interface NextOfKin {
  name: string;
  relationship?: string;
  phone?: string;
  address?: string;
}

/**
 * A human being known to the system across all stays and centres. The search column is maintained by a
 * trigger (see the AdmissionCore migration) so that every writer, including bulk seeding, keeps it right.
 */
@Entity('persons')
@Check('CHK_persons_country_of_birth', `country_of_birth IS NULL OR country_of_birth ~ '^[A-Z]{2}$'`)
@Check('CHK_persons_nationalities', `array_to_string(nationalities, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'`)
@Check('CHK_persons_names', `length(given_names) > 0 OR length(family_names) > 0`)
// Created by hand in the PersonSearchIndexes migration: a GiST trigram index (siglen=256) over search_name,
// which answers both the `<%` match and the nearest-first `<<->` ordering of the name search.
@Index('IDX_persons_search_name_gist', { synchronize: false })
// Also by hand (PersonSearchCoveringIndexes): the date of birth indexes carry search_name and id (INCLUDE), so
// the name + date of birth search compares names in the index and reads only the matching persons' rows. The
// second holds only estimated dates of birth, which match within a year.
@Index('IDX_persons_date_of_birth_names', { synchronize: false })
@Index('IDX_persons_date_of_birth_estimated_names', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'given_names', type: 'text' })
  givenNames: string;

  @Column({ name: 'family_names', type: 'text' })
  familyNames: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  aliases: string[];

  @Column({ name: 'name_original_script', type: 'text', nullable: true })
  nameOriginalScript: string | null;

  @Column({ type: 'enum', enum: Sex, enumName: 'person_sex', default: Sex.Unknown })
  sex: Sex;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** The date of birth is an estimate (age assessed or declared approximately). */
  @Column({ name: 'date_of_birth_estimated', type: 'boolean', default: false })
  dateOfBirthEstimated: boolean;

  /** ISO 3166-1 alpha-2 codes. */
  @Column({ type: 'char', length: 2, array: true, default: () => `'{}'` })
  nationalities: string[];

  @Column({ name: 'country_of_birth', type: 'char', length: 2, nullable: true })
  countryOfBirth: string | null;

  /** ISO 639-1 codes of the languages the person speaks. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  languages: string[];

  /** ISO 639-1 code of the language for documents and receipts. */
  @Column({ name: 'preferred_language', type: 'text', nullable: true })
  preferredLanguage: string | null;

  @Column({ name: 'next_of_kin', type: 'jsonb', nullable: true })
  nextOfKin: NextOfKin | null;

  @Column({ name: 'forwarding_address', type: 'text', nullable: true })
  forwardingAddress: string | null;

  /** Unaccented, lower-cased names and aliases; written by the trigger, never by the application. */
  @Column({ name: 'search_name', type: 'text', default: '', select: false, insert: false, update: false })
  searchName: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
