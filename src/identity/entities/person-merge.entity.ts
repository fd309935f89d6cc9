import { Check, Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Person } from '../../persons/entities/person.entity';

/**
 * Two person records confirmed to be one human being. The merged record is kept (never deleted); `snapshot`
 * holds both records and the evidence ids as they were, so an unmerge restores them exactly.
 */
@Entity('person_merges')
@Index('UQ_person_merges_active_merged', ['mergedPersonId'], { unique: true, where: 'unmerged_at IS NULL' })
@Index('IDX_person_merges_survivor', ['survivorPersonId'])
@Check('CHK_person_merges_distinct', `survivor_person_id <> merged_person_id`)
@Check('CHK_person_merges_unmerged', `(unmerged_at IS NULL) = (unmerged_by_id IS NULL)`)
export class PersonMerge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'survivor_person_id', type: 'uuid' })
  survivorPersonId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'survivor_person_id' })
  survivorPerson?: Person;

  @Column({ name: 'merged_person_id', type: 'uuid' })
  mergedPersonId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_person_id' })
  mergedPerson?: Person;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  /**
   * While the merge stands: the names it put on the survivor's aliases (those the survivor did not have) that
   * have stayed there without a break since, which is what an unmerge takes back. Trigger
   * persons_merge_added_aliases (migration PersonMergeAddedAliases) drops a name from it as soon as any write
   * takes the name out of the survivor's aliases, so a name entered again later is not the merge's doing.
   * After the unmerge: what the merge still held when it was undone (empty for merges undone before this
   * column existed). Never in a response: it holds names.
   */
  @Column({ name: 'added_aliases', type: 'text', array: true, default: () => `'{}'` })
  addedAliases: string[];

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'merged_by_id', type: 'uuid' })
  mergedById: string;

  @Column({ name: 'merged_at', type: 'timestamptz' })
  mergedAt: Date;

  @Column({ name: 'unmerged_by_id', type: 'uuid', nullable: true })
  unmergedById: string | null;

  @Column({ name: 'unmerged_at', type: 'timestamptz', nullable: true })
  unmergedAt: Date | null;
}
