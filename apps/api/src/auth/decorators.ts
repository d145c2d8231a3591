import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@app/persistence';
import type { Principal } from './principal';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';

/** The route needs no token (sign-in, health, docs). Everything else is denied by default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);
