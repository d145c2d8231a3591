import {
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { appendAudit, type Role } from '@app/persistence';
import { IS_PUBLIC, ROLES } from './decorators';
import type { Principal } from './principal';
import { UserAccessLookup } from './user-access';

/** Records a refused request: a log line and an audit row (who tried what). */
export async function logDenied(db: DataSource, req: Request, principal: Principal | undefined, why: string) {
  Logger.warn(
    `denied ${req.method} ${req.originalUrl} for ${principal?.userId ?? 'anonymous'}: ${why}`,
    'Authz',
  );
  await appendAudit(
    db.manager,
    principal?.userId ?? 'anonymous',
    'authz.denied',
    ['request', `${req.method} ${req.route?.path ?? req.path}`.slice(0, 100)],
    { after: { why, role: principal?.role ?? null, url: req.originalUrl.slice(0, 300) } },
  ).catch(() => undefined);
}

/** What an access token carries: who, and which version of their access it was issued for. */
export interface AccessTokenClaims {
  sub: string;
  ver: number;
}

/**
 * Global guard: a valid, unexpired bearer token whose version is still its user's, an active user, and,
 * where the route says so, one of its roles. Role and owner come from the database on every request: a
 * token proves who signed in, not what they may do now.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UserAccessLookup,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      await logDenied(this.db, req, undefined, token ? 'invalid or expired token' : 'no token');
      throw new UnauthorizedException({
        message: 'Sign in first (登录已失效，请重新登录)',
        code: 'UNAUTHENTICATED',
      });
    }
    let user = typeof claims.sub === 'string' ? await this.users.find(claims.sub) : undefined;
    // Issued after a change a cache in front of the lookup has not heard of yet: read it again.
    if (user && claims.ver > user.tokenVersion) user = await this.users.reload(claims.sub);
    if (!user) {
      await logDenied(this.db, req, undefined, 'token for an unknown user');
      throw new UnauthorizedException({
        message: 'Sign in first (登录已失效，请重新登录)',
        code: 'UNAUTHENTICATED',
      });
    }
    const principal: Principal = {
      userId: claims.sub,
      role: user.role,
      enterpriseId: user.enterpriseId,
      supplierId: user.supplierId,
      displayName: user.displayName,
    };
    // The password, role, owner or status changed since the token was issued (the version was bumped).
    if (claims.ver !== user.tokenVersion) {
      await logDenied(this.db, req, principal, `token version ${String(claims.ver)} revoked`);
      throw new UnauthorizedException({
        message: 'This sign-in was revoked; sign in again (登录已失效，请重新登录)',
        code: 'TOKEN_REVOKED',
      });
    }
    if (!user.active) {
      await logDenied(this.db, req, principal, 'user inactive');
      throw new UnauthorizedException({ message: 'Account disabled (账户已停用)', code: 'UNAUTHENTICATED' });
    }
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      await logDenied(this.db, req, principal, `role ${principal.role} not in [${roles.join(', ')}]`);
      throw new ForbiddenException({
        message: 'Not allowed for your role (无权操作)',
        code: 'FORBIDDEN_ROLE',
      });
    }
    return true;
  }
}
