import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuditedRecently } from './audited-recently';

/**
 * The login route's throttler (see AuthModule). It audits the first refusal of each block as
 * `auth.login.throttled`: someone guessing an account's password, or trying many accounts from one address, is
 * worth an auditor's attention. Only the first that this API instance sees: a flood of refused attempts would
 * otherwise flood the audit trail. The blocks are told apart here, by their key and end, rather than by the hit
 * count, which the Redis storage and the in-memory fallback keep differently.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger(LoginThrottlerGuard.name);
  /** Blocks, by throttler key (a hash of the throttler and the address or account), until they end. */
  private readonly blocksAudited = new AuditedRecently();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly audit: AuditService,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    if (this.blocksAudited.claim(detail.key, Date.now() + detail.timeToBlockExpire * 1000)) {
      const req = context.switchToHttp().getRequest<Request>();
      const email: unknown = req.body?.email;
      // The refusal stands whether or not its entry could be written.
      await this.audit
        .recordAlone(null, {
          action: 'auth.login.throttled',
          entityType: 'user',
          outcome: 'denied',
          details: {
            address: req.ip ?? null,
            email: typeof email === 'string' ? email.trim().toLowerCase() : null,
            attemptsAllowed: detail.limit,
            windowSeconds: Math.round(detail.ttl / 1000),
          },
        })
        .catch((err: Error) => this.log.warn(`auth.login.throttled not audited: ${err.message}`));
    }
    return super.throwThrottlingException(context, detail);
  }
}
