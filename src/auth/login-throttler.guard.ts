import { ExecutionContext, Injectable } from '@nestjs/common';
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

/**
 * The login route's throttler (see AuthModule). It audits the first refusal of each block as
 * `auth.login.throttled`: someone guessing an account's password, or trying many accounts from one address, is
 * worth an auditor's attention. Only the first: a flood of refused attempts would otherwise flood the audit trail.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
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
    if (detail.totalHits === detail.limit + 1) {
      const req = context.switchToHttp().getRequest<Request>();
      const email: unknown = req.body?.email;
      await this.audit.recordAlone(null, {
        action: 'auth.login.throttled',
        entityType: 'user',
        outcome: 'denied',
        details: {
          address: req.ip ?? null,
          email: typeof email === 'string' ? email.trim().toLowerCase() : null,
          attemptsAllowed: detail.limit,
          windowSeconds: Math.round(detail.ttl / 1000),
        },
      });
    }
    return super.throwThrottlingException(context, detail);
  }
}
