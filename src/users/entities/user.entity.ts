import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Role } from '../../auth/role.enum';
import { UserCentre } from './user-centre.entity';

@Entity('users')
@Check(
  'CHK_users_roles',
  `roles <@ ARRAY['intake_officer','medical_staff','centre_manager','auditor','admin']::text[] AND cardinality(roles) > 0`,
)
@Check('CHK_users_email_lower', `email = lower(email)`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @OneToMany(() => UserCentre, (uc) => uc.user, { cascade: true })
  centres: UserCentre[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Bumped on deactivation and password reset: tokens issued before stop working. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
