import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { CentresService } from '../centres/centres.service';
import { Conflict, NotFoundInScope } from '../common/errors/domain.exception';
import { updateVersioned } from '../common/persistence/versioned-update';
import { send } from '../common/persistence/pipeline';
import { CreateUserDto } from './dto/create-user.dto';
import { ResetPasswordDto, ResetPasswordResponseDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserCentre } from './entities/user-centre.entity';
import { User } from './entities/user.entity';
import { generatePassword, hashPassword, verifyPassword } from './password';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centres: CentresService,
  ) {}

  /** The caller behind a token, if the account is still active and the token not revoked. */
  async findActiveActor(id: string, tokenVersion: number): Promise<Actor | null> {
    // Runs on every authenticated request: one round trip, a prepared statement, no entity hydration.
    const rows = await send<{
      id: string;
      email: string;
      display_name: string;
      roles: Role[];
      centre_ids: string[];
    }>(
      this.dataSource.manager,
      `SELECT u.id, u.email, u.display_name, u.roles,
                coalesce(array_agg(uc.centre_id) FILTER (WHERE uc.centre_id IS NOT NULL), '{}') AS centre_ids
         FROM users u LEFT JOIN user_centres uc ON uc.user_id = u.id
         WHERE u.id = $1 AND u.active AND u.token_version = $2
         GROUP BY u.id`,
      [id, tokenVersion],
    );
    const [u] = rows;
    return u
      ? { id: u.id, email: u.email, displayName: u.display_name, roles: u.roles, centreIds: u.centre_ids }
      : null;
  }

  /**
   * Checks an e-mail and password; answers the actor only when both match an active account, with the token
   * version of the same row read: read afterwards, it could be the version a password reset set meanwhile, and
   * a login with the old password would outlive the reset meant to lock it out.
   */
  async checkCredentials(
    email: string,
    password: string,
  ): Promise<{ actor: Actor; tokenVersion: number } | null> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.centres', 'c')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    // Hash even when there is no such user, so response time does not reveal which e-mails exist.
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    return user && ok && user.active ? { actor: this.toActor(user), tokenVersion: user.tokenVersion } : null;
  }

  list(): Promise<User[]> {
    return this.dataSource
      .getRepository(User)
      .find({ relations: { centres: true }, order: { email: 'ASC' } });
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id }, relations: { centres: true } });
    if (!user) throw new NotFoundInScope('User');
    return user;
  }

  async create(actor: Actor | null, dto: CreateUserDto): Promise<User> {
    await this.centres.assertExist(dto.centreIds, 'centreIds');
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (m) => {
      const taken = await m.getRepository(User).exists({ where: { email: dto.email } });
      if (taken)
        throw new Conflict('EMAIL_TAKEN', 'A user with this e-mail already exists', [
          { field: 'email', message: 'is already in use' },
        ]);
      const user = await m.getRepository(User).save({
        email: dto.email,
        displayName: dto.displayName,
        passwordHash,
        roles: dto.roles,
        centres: dto.centreIds.map((centreId) => ({ centreId })),
      });
      await this.audit.record(m, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        details: { roles: dto.roles, centreIds: dto.centreIds },
      });
      return user.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<User> {
    if (dto.centreIds) await this.centres.assertExist(dto.centreIds, 'centreIds');
    await this.dataSource.transaction(async (m) => {
      const current = await this.lockedUser(m, id);
      if (id === actor.id && (dto.active === false || (dto.roles && !dto.roles.includes(Role.Admin)))) {
        throw new Conflict(
          'SELF_LOCKOUT',
          'Administrators cannot deactivate themselves or remove their own admin role',
        );
      }
      const deactivating = dto.active === false && current.active;
      await updateVersioned(
        m,
        User,
        id,
        dto.version,
        {
          ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}),
          ...(dto.roles ? { roles: dto.roles } : {}),
          ...(dto.active !== undefined ? { active: dto.active } : {}),
          ...(deactivating ? { tokenVersion: () => 'token_version + 1' } : {}),
        },
        'User',
      );
      if (dto.centreIds) {
        await m.delete(UserCentre, { userId: id });
        if (dto.centreIds.length)
          await m.insert(
            UserCentre,
            dto.centreIds.map((centreId) => ({ userId: id, centreId })),
          );
      }
      const { version: _version, ...changed } = dto;
      await this.audit.record(m, actor, {
        action: deactivating ? 'user.deactivate' : 'user.update',
        entityType: 'user',
        entityId: id,
        details: { changed: Object.keys(changed), ...changed },
      });
    });
    return this.get(id);
  }

  async resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<ResetPasswordResponseDto> {
    const generated = dto.password ? undefined : generatePassword();
    const passwordHash = await hashPassword(dto.password ?? generated!);
    await this.dataSource.transaction(async (m) => {
      await this.lockedUser(m, id);
      await m.update(User, { id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      await this.audit.record(m, actor, {
        action: 'user.reset_password',
        entityType: 'user',
        entityId: id,
        details: { generated: Boolean(generated) },
      });
    });
    return generated ? { generatedPassword: generated } : {};
  }

  /** Used once, on an empty database, by the first-run setup. */
  async hasAnyUser(): Promise<boolean> {
    return this.dataSource.getRepository(User).exists();
  }

  private async lockedUser(m: EntityManager, id: string): Promise<User> {
    const user = await m.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundInScope('User');
    return user;
  }

  private toActor(user: User): Actor {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      centreIds: (user.centres ?? []).map((c) => c.centreId),
    };
  }
}

// argon2id hash of a random string, used to spend the same time when an e-mail is unknown.
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$b4kuyux0FKch+nICdj4POw$I/xeNZZAg/fqBes9ELZw4grcvKkJ+FfQRXsUt6Nchgg';
