import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '../auth/role.enum';
import { CentresService } from '../centres/centres.service';
import { Regime } from '../centres/entities/centre.entity';
import { authConfig, AuthConfig } from '../config/auth.config';
import { UsersService } from '../users/users.service';
import { generatePassword } from '../users/password';

const DEMO_CENTRE_CODE = 'DEMO-01';

/**
 * On an empty database, creates a demo centre and the first administrator, so a fresh install can be used at
 * once. A generated password is printed once to the console (never to the structured log).
 */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly centres: CentresService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Without this, a database that was never migrated fails below with "relation users does not exist".
    if (await this.dataSource.showMigrations()) {
      throw new Error(
        'The database schema is behind the code: migrations are pending. Run `npm run migration:run` ' +
          'or start with MIGRATE_ON_START=true.',
      );
    }
    // Several processes may start together on an empty database: one of them sets up, the others wait.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('mcm:first-run'))`);
      if (await this.users.hasAnyUser()) return;
      // A first run interrupted after the centre was created finds it here instead of failing on its code.
      const centre =
        (await this.centres.findByCode(DEMO_CENTRE_CODE)) ??
        (await this.centres.create(null, {
          code: DEMO_CENTRE_CODE,
          name: 'Demo attention centre',
          country: 'HN',
          regime: Regime.Attention,
          capacity: 100,
          timeZone: 'America/Tegucigalpa',
          address: 'Demo address',
        }));
      const password = this.config.adminPassword ?? generatePassword();
      await this.users.create(null, {
        email: this.config.adminEmail.toLowerCase(),
        displayName: 'Administrator',
        password,
        roles: [Role.Admin],
        centreIds: [centre.id],
      });
      this.logger.log(
        `First run: created demo centre ${centre.code} and administrator ${this.config.adminEmail}`,
      );
      if (!this.config.adminPassword) {
        process.stdout.write(
          `\n  First administrator: ${this.config.adminEmail}\n  Generated password (shown once): ${password}\n\n`,
        );
      }
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('mcm:first-run'))`).catch(() => undefined);
      await runner.release();
    }
  }
}
