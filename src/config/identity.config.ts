import { registerAs } from '@nestjs/config';
import { IsInt, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { isProduction, validateEnv, NOT_A_PLACEHOLDER, placeholderMessage } from './validate-env';

const DEV_SIGNING_SECRET = 'development-only-identity-signing-secret-change-me';

class IdentityEnv {
  // Signs wristband codes: in production it must be given and strong, or a band could be forged.
  @ValidateIf(() => isProduction())
  @IsString({ message: 'IDENTITY_SIGNING_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'IDENTITY_SIGNING_SECRET must be at least 32 characters' })
  @Matches(NOT_A_PLACEHOLDER, { message: placeholderMessage('IDENTITY_SIGNING_SECRET') })
  IDENTITY_SIGNING_SECRET?: string;

  /** How recent the two RELEASE verifications must be for the release gate to pass. */
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  IDENTITY_RELEASE_WINDOW_MINUTES: number = 60;

  /** How recent a TRANSFER_OUT / TRANSFER_IN verification must be. */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  IDENTITY_TRANSFER_WINDOW_MINUTES: number = 24 * 60;

  /**
   * At RELEASE and TRANSFER checks, a document, fingerprint reference or wristband recorded (or issued) less than
   * this long before the check counts for nothing: the person is compared with what was recorded before, not
   * with what was typed in, enrolled or issued at the exit desk.
   */
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  IDENTITY_EVIDENCE_MIN_AGE_MINUTES: number = 60;

  /** Largest face photo accepted, in bytes. */
  @IsInt()
  @Min(1024)
  @Max(20 * 1024 * 1024)
  IDENTITY_PHOTO_MAX_BYTES: number = 5 * 1024 * 1024;
}

export const identityConfig = registerAs('identity', () => {
  const env = validateEnv(IdentityEnv);
  return {
    signingSecret: env.IDENTITY_SIGNING_SECRET ?? DEV_SIGNING_SECRET,
    releaseWindowMinutes: env.IDENTITY_RELEASE_WINDOW_MINUTES,
    transferWindowMinutes: env.IDENTITY_TRANSFER_WINDOW_MINUTES,
    evidenceMinAgeMinutes: env.IDENTITY_EVIDENCE_MIN_AGE_MINUTES,
    photoMaxBytes: env.IDENTITY_PHOTO_MAX_BYTES,
  };
});
export type IdentityConfig = ReturnType<typeof identityConfig>;
