import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Centre } from '../../centres/entities/centre.entity';
import { User } from './user.entity';

/** A user's assignment to a centre: the centres whose records they may see. */
@Entity('user_centres')
export class UserCentre {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'centre_id', type: 'uuid' })
  centreId: string;

  @ManyToOne(() => User, (u) => u.centres, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre: Centre;
}
