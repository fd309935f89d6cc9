import { Check, Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Person } from '../../persons/entities/person.entity';
import { Stay } from '../../admissions/entities/stay.entity';

/**
 * A wristband or card issued to a stay. Reissuing revokes the previous band; the partial unique index makes
 * "one active band per stay" a database rule.
 */
@Entity('wristbands')
@Index('UQ_wristbands_active_stay', ['stayId'], { unique: true, where: 'revoked_at IS NULL' })
@Check('CHK_wristbands_code', `code ~ '^[A-Z2-9]{12}$'`)
@Check('CHK_wristbands_revoked', `(revoked_at IS NULL) = (revoked_by_id IS NULL)`)
export class Wristband {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId: string;

  @ManyToOne(() => Stay, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id' })
  stay?: Stay;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column({ name: 'issued_by_id', type: 'uuid' })
  issuedById: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by_id', type: 'uuid', nullable: true })
  revokedById: string | null;
}
