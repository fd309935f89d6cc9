import { registerAs } from '@nestjs/config';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { isProduction, validateEnv, NOT_A_PLACEHOLDER, placeholderMessage } from './validate-env';

const DEV_JWT_SECRET = 'development-only-jwt-secret-change-me-in-production';

class AuthEnv {
  // In production the secret must be given and strong; elsewhere a development default works.
  @ValidateIf(() => isProduction())
  @IsString({ message: 'JWT_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @Matches(NOT_A_PLACEHOLDER, { message: placeholderMessage('JWT_SECRET') })
  JWT_SECRET?: string;

  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 8h or 1d' })
  JWT_EXPIRES_IN: string = '8h';

  /** Login attempts allowed per client address per minute. */
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_RATE_LIMIT: number = 10;

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;
}

export const authConfig = registerAs('auth', () => {
  const env = validateEnv(AuthEnv);
  return {
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtExpiresIn: env.JWT_EXPIRES_IN,
    loginRateLimit: env.LOGIN_RATE_LIMIT,
    adminEmail: env.ADMIN_EMAIL ?? 'admin@example.org',
    adminPassword: env.ADMIN_PASSWORD,
  };
});
export type AuthConfig = ReturnType<typeof authConfig>;
