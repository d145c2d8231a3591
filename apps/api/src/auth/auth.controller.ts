import {
  Body,
  Controller,
  HttpException,
  HttpStatus,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { appendAudit, hashPassword, UserRecord } from '@app/persistence';
import { ApiGet, ApiAction } from '../common/routes';
import { CurrentUser, Public } from './decorators';
import { verifyPassword } from '@app/persistence';
import type { Principal } from './principal';
import type { AccessTokenClaims } from './auth.guard';
import { LoginResponse, PasswordChangedResponse, SessionUserResponse } from './auth.responses';

export class LoginDto {
  @ApiProperty({ example: 'reviewer@bureau.example.cn' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'currentPassword is required' })
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'newPassword must be at least 10 characters' })
  @MaxLength(200)
  newPassword!: string;
}

const MAX_FAILED_LOGINS = 5;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: AppEnv,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Public()
  @ApiAction('login', '登录 · Sign in', LoginResponse)
  @ApiUnauthorizedResponse({ description: '邮箱或密码错误 · Wrong email or password (BAD_CREDENTIALS)' })
  @ApiTooManyRequestsResponse({
    description: '登录失败次数过多 · Too many failed sign-ins (TOO_MANY_ATTEMPTS)',
  })
  async login(@Body() dto: LoginDto) {
    const user = await this.db
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: dto.email })
      .getOne();
    // Guessing is slowed down per account: after 5 failures in 15 minutes, sign-in waits (429) even with
    // the right password; the failures are already in the audit log.
    const [{ recent }] = await this.db.query(
      `SELECT count(*)::int AS recent FROM audit_log
        WHERE action = 'auth.login_failed' AND entity_id = $1 AND at > now() - interval '15 minutes'`,
      [dto.email.toLowerCase().slice(0, 100)],
    );
    if (recent >= MAX_FAILED_LOGINS) {
      throw new HttpException(
        {
          message: 'Too many failed sign-ins; try again in 15 minutes (登录失败次数过多，请15分钟后再试)',
          code: 'TOO_MANY_ATTEMPTS',
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    // Same answer for unknown email and wrong password: no account enumeration.
    if (!user || !user.active || !(await verifyPassword(dto.password, user.passwordHash))) {
      await appendAudit(this.db.manager, user?.id ?? 'anonymous', 'auth.login_failed', [
        'user',
        dto.email.toLowerCase().slice(0, 100),
      ]);
      throw new UnauthorizedException({
        message: 'Wrong email or password (邮箱或密码错误)',
        code: 'BAD_CREDENTIALS',
      });
    }
    return { ...(await this.issue(user.id, user.tokenVersion)), user: this.view(user) };
  }

  /**
   * Only who and which version: role and owner are read from the database on each request (AuthGuard),
   * so nothing in a token can grant more than the user has now.
   */
  private async issue(userId: string, tokenVersion: number) {
    const claims: AccessTokenClaims = { sub: userId, ver: tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.env.JWT_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.env.JWT_TTL_SECONDS };
  }

  /**
   * Any signed-in user changes their own password (the current one is required). Every token issued
   * before is revoked (the users trigger bumps the token version); the caller gets a fresh one back.
   */
  @ApiBearerAuth()
  @ApiAction('password', "修改密码 · Change one's own password", PasswordChangedResponse)
  async changePassword(@CurrentUser() me: Principal, @Body() dto: ChangePasswordDto) {
    const user = await this.db
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: me.userId })
      .getOneOrFail();
    if (!(await verifyPassword(dto.currentPassword, user.passwordHash))) {
      throw new UnprocessableEntityException({
        code: 'WRONG_PASSWORD',
        message: 'The current password is wrong (当前密码错误)',
        errors: [{ field: 'currentPassword', messages: ['the current password is wrong'] }],
      });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    const tokenVersion = await this.db.transaction(async (tx) => {
      const [[row]]: [[{ token_version: number }], number] = await tx.query(
        `UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING token_version`,
        [me.userId, passwordHash],
      );
      await appendAudit(tx, me.userId, 'user.password_changed', ['user', me.userId]);
      return row.token_version;
    });
    return { changed: true, ...(await this.issue(me.userId, tokenVersion)) };
  }

  @ApiBearerAuth()
  @ApiGet('me', '当前用户 · The signed-in user', SessionUserResponse)
  async me(@CurrentUser() me: Principal) {
    const user = await this.db.getRepository(UserRecord).findOneByOrFail({ id: me.userId });
    return this.view(user);
  }

  private view(u: UserRecord) {
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      enterpriseId: u.enterpriseId,
      supplierId: u.supplierId,
    };
  }
}
