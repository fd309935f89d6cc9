import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { Actor } from './actor';
import { Role } from './role.enum';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';
export const ANY_ROLE = 'any';

/** Only callers holding one of these roles may call the route. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing, invalid or revoked token' }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: `Allowed roles: ${roles.join(', ')}` }),
  );

/** Any authenticated, active user may call the route. */
export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ROLES_KEY, ANY_ROLE),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing, invalid or revoked token' }),
  );

/** No authentication: login, health, document verification at a border. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
