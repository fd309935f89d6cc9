import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { Actor, hasRole } from './actor';
import { AuditedRecently } from './audited-recently';
import { ANY_ROLE, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Role } from './role.enum';

export interface TokenPayload {
  sub: string;
  tv: number;
}

/**
 * A refused token is audited once in this long per account, token version and reason, per API instance: a device
 * still polling with a revoked token would otherwise flood the audit trail.
 */
const REFUSED_TOKEN_AUDIT_EVERY_MS = 10 * 60_000;

/**
 * The one global guard. Deny by default: a route that declares neither @Public(), @Authenticated()
 * nor @Roles(...) is refused to everyone.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  /** Refused tokens, by account id, token version and reason. */
  private readonly refusalsAudited = new AuditedRecently();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.authenticate(request);
    request.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | typeof ANY_ROLE | undefined>(
      ROLES_KEY,
      targets,
    );
    if (required === undefined) {
      this.logger.error(`Route ${request.method} ${request.route?.path} declares no roles; refused`);
      throw new ForbiddenException('This route is not open to any role');
    }
    if (required !== ANY_ROLE && !hasRole(actor, ...required)) {
      // An authenticated user trying what their role does not allow is worth an auditor's attention.
      await this.audit.recordAlone(actor, {
        action: 'access.denied',
        entityType: 'route',
        outcome: 'denied',
        details: { method: request.method, route: `${request.baseUrl}${request.route?.path ?? ''}` },
      });
      throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  private async authenticate(request: Request): Promise<Actor> {
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('A bearer token is required');
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired');
    }
    const actor = await this.users.findActiveActor(payload.sub, payload.tv);
    if (!actor) {
      await this.auditRefusedToken(payload);
      throw new UnauthorizedException('The token has been revoked or the account is inactive');
    }
    return actor;
  }

  /**
   * A token this service signed, refused because its account was deactivated or its tokens revoked (a password
   * reset): someone is still using the access of a person who should no longer have it, which an auditor wants
   * to see. Tokens that fail verification (forged, expired) are not audited: anyone can send those.
   */
  private async auditRefusedToken(payload: TokenPayload): Promise<void> {
    const account = await this.users.get(payload.sub).catch(() => null);
    const reason = !account ? 'unknown account' : !account.active ? 'account inactive' : 'token revoked';
    const key = `${payload.sub}:${payload.tv}:${reason}`;
    if (!this.refusalsAudited.claim(key, Date.now() + REFUSED_TOKEN_AUDIT_EVERY_MS)) return;
    // The refusal stands whether or not its entry could be written.
    await this.audit
      .recordAlone(null, {
        action: 'auth.token.refused',
        entityType: 'user',
        entityId: payload.sub,
        outcome: 'denied',
        details: { reason },
      })
      .catch((err: Error) => this.logger.warn(`auth.token.refused not audited: ${err.message}`));
  }
}
