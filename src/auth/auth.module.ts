import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { ThrottlerModule } from '@nestjs/throttler';
import { authConfig, AuthConfig } from '../config/auth.config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleStorage } from './login-throttle.storage';

/** The shared count of login attempts, for the throttler (see LoginThrottleStorage). */
@Module({ providers: [LoginThrottleStorage], exports: [LoginThrottleStorage] })
class LoginThrottleModule {}

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: AuthConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the string as a public
        // key on every verification, which cost about 7% of the API's CPU under load.
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtExpiresIn as `${number}h`, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Applied to the login route only. Guessing one account's password is limited per address and e-mail,
    // so colleagues behind one NAT at a shift change are not locked out together; spraying many accounts
    // from one address meets the wider per-address limit.
    ThrottlerModule.forRootAsync({
      imports: [LoginThrottleModule],
      inject: [authConfig.KEY, LoginThrottleStorage],
      useFactory: (config: AuthConfig, storage: LoginThrottleStorage) => ({
        storage,
        throttlers: [
          {
            name: 'default', // per account; 'default' keeps the standard Retry-After header
            ttl: 60_000,
            limit: config.loginRateLimit,
            getTracker: (req: { ip?: string; body?: { email?: unknown } }) =>
              `${req.ip}|${typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : ''}`,
          },
          { name: 'address', ttl: 60_000, limit: config.loginRateLimit * 10 },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
