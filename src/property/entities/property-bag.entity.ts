import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { Stay } from '../../admissions/entities/stay.entity';
import { BagStatus } from '../property.enums';

/** A sealed bag holding some of a stay's items. Its seal identifies it across centres. */
@Entity('property_bags')
@Check('CHK_property_bags_seal_normalised', `seal_normalised = upper(btrim(seal_number))`)
@Check('CHK_property_bags_seal_length', `length(seal_normalised) BETWEEN 1 AND 40`)
@Check('CHK_property_bags_transit', `status <> 'in_transit' OR transfer_to_centre_id IS NOT NULL`)
// A physical seal can close one bag at a time: once released (returned or received elsewhere) it may reappear.
@Index('UQ_property_bags_seal_in_use', ['sealNormalised'], { unique: true, where: `status <> 'released'` })
@Index('IDX_property_bags_stay', ['stayId'])
export class PropertyBag {
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

  @Column({ name: 'seal_number', type: 'text' })
  sealNumber: string;

  @Column({ name: 'seal_normalised', type: 'text' })
  sealNormalised: string;

  @Column({ type: 'enum', enum: BagStatus, enumName: 'property_bag_status', default: BagStatus.Held })
  status: BagStatus;

  @Column({ name: 'transfer_to_centre_id', type: 'uuid', nullable: true })
  transferToCentreId: string | null;

  /** At the receiving centre: the bag handed over by the sending centre. */
  @Column({ name: 'arrived_from_bag_id', type: 'uuid', nullable: true })
  arrivedFromBagId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
