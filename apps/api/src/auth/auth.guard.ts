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

/** Records a refused request: a log line and an audit row (who tried what). */
export async function logDenied(db: DataSource, req: Request, principal: Principal | undefined, why: string) {
  Logger.warn(
    `denied ${req.method} ${req.originalUrl} for ${principal?.userId ?? 'anonymous'}: ${why}`,
    'Authz',
  );
  await appendAudit(db.manager, {
    actor: principal?.userId ?? 'anonymous',
    action: 'authz.denied',
    entityType: 'request',
    entityId: `${req.method} ${req.route?.path ?? req.path}`.slice(0, 100),
    after: { why, role: principal?.role ?? null, url: req.originalUrl.slice(0, 300) },
  }).catch(() => undefined);
}

/** Global guard: a valid, unexpired bearer token and, where the route says so, one of its roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    let principal: Principal;
    try {
      const payload = await this.jwt.verifyAsync<{
        sub: string;
        role: Role;
        ent: string | null;
        sup: string | null;
        name: string;
      }>(token);
      principal = {
        userId: payload.sub,
        role: payload.role,
        enterpriseId: payload.ent,
        supplierId: payload.sup,
        displayName: payload.name,
      };
    } catch {
      await logDenied(this.db, req, undefined, token ? 'invalid or expired token' : 'no token');
      throw new UnauthorizedException({
        message: 'Sign in first (登录已失效，请重新登录)',
        code: 'UNAUTHENTICATED',
      });
    }
    // A deactivated user's tokens stop working at once.
    const [user] = await this.db.query(`SELECT active FROM users WHERE id = $1`, [principal.userId]);
    if (!user?.active) {
      await logDenied(this.db, req, principal, 'user inactive or deleted');
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
