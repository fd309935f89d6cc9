import { registerAs } from '@nestjs/config';
import { IsInt, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import {
  ConfigurationError,
  isProduction,
  validateEnv,
  NOT_A_PLACEHOLDER,
  placeholderMessage,
} from './validate-env';

const DEV_SIGNING_SECRET = 'development-only-document-signing-secret-change-me';

class DocumentsEnv {
  // Signs the QR code of every document; a leaked or default secret lets anyone forge a "genuine" answer.
  @ValidateIf(() => isProduction())
  @IsString({ message: 'DOCUMENT_SIGNING_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'DOCUMENT_SIGNING_SECRET must be at least 32 characters' })
  @Matches(NOT_A_PLACEHOLDER, { message: placeholderMessage('DOCUMENT_SIGNING_SECRET') })
  DOCUMENT_SIGNING_SECRET?: string;

  /** Wording used when neither the request nor the person names a language that templates support. */
  @Matches(/^[a-z]{2,3}$/, { message: 'DOCUMENT_DEFAULT_LANGUAGE must be a language code such as es' })
  DOCUMENT_DEFAULT_LANGUAGE: string = 'es';

  /** Render attempts before a document is FAILED (exponential backoff between them). */
  @IsInt()
  @Min(1)
  @Max(20)
  DOCUMENT_RENDER_ATTEMPTS: number = 5;

  @IsInt()
  @Min(10)
  @Max(600_000)
  DOCUMENT_RETRY_BACKOFF_MS: number = 1_000;

  @IsInt()
  @Min(1)
  @Max(32)
  DOCUMENT_WORKER_CONCURRENCY: number = 4;

  /** How long a worker holds a job before another may take it over (a killed worker's job is recovered then). */
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  DOCUMENT_JOB_LOCK_MS: number = 30_000;

  /**
   * A PENDING or RENDERING document unchanged for this long, with no live queue job, is stuck: the retry
   * endpoint takes it back to the queue. Well above a render (milliseconds), and longer than a job's lock
   * (DOCUMENT_JOB_LOCK_MS, checked at start), so that a document still being worked on is never taken for stuck.
   */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  DOCUMENT_STUCK_AFTER_SECONDS: number = 300;

  /** Largest PDF accepted by the public upload check. */
  @Matches(/^\d+(kb|mb)$/i, { message: 'DOCUMENT_VERIFY_UPLOAD_LIMIT must look like 512kb or 10mb' })
  DOCUMENT_VERIFY_UPLOAD_LIMIT: string = '10mb';

  /** Folders searched for the Unicode fonts embedded when a name is not WinAnsi text (colon-separated). */
  @IsString()
  DOCUMENT_FONT_DIRS: string =
    '/usr/share/fonts/truetype/noto:/usr/share/fonts/truetype/droid:/usr/share/fonts/truetype/dejavu';
}

export const documentsConfig = registerAs('documents', () => {
  const env = validateEnv(DocumentsEnv);
  // A document still held by a live worker must never look stuck: its job's lock is renewed while it runs.
  if (env.DOCUMENT_STUCK_AFTER_SECONDS * 1000 <= env.DOCUMENT_JOB_LOCK_MS) {
    throw new ConfigurationError(
      'Invalid configuration:\n  DOCUMENT_STUCK_AFTER_SECONDS: must be longer than DOCUMENT_JOB_LOCK_MS ' +
        `(${env.DOCUMENT_JOB_LOCK_MS} ms)`,
    );
  }
  return {
    signingSecret: env.DOCUMENT_SIGNING_SECRET ?? DEV_SIGNING_SECRET,
    defaultLanguage: env.DOCUMENT_DEFAULT_LANGUAGE,
    renderAttempts: env.DOCUMENT_RENDER_ATTEMPTS,
    retryBackoffMs: env.DOCUMENT_RETRY_BACKOFF_MS,
    workerConcurrency: env.DOCUMENT_WORKER_CONCURRENCY,
    jobLockMs: env.DOCUMENT_JOB_LOCK_MS,
    stuckAfterSeconds: env.DOCUMENT_STUCK_AFTER_SECONDS,
    verifyUploadLimit: env.DOCUMENT_VERIFY_UPLOAD_LIMIT,
    fontDirs: env.DOCUMENT_FONT_DIRS.split(':').filter(Boolean),
  };
});
export type DocumentsConfig = ReturnType<typeof documentsConfig>;
