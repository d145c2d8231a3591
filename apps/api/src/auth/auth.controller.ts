import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { appendAudit, UserRecord } from '@app/persistence';
import { CurrentUser, Public } from './decorators';
import { verifyPassword } from '@app/persistence';
import type { Principal } from './principal';

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

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: AppEnv,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto) {
    const user = await this.db
      .getRepository(UserRecord)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: dto.email })
      .getOne();
    // Same answer for unknown email and wrong password: no account enumeration.
    if (!user || !user.active || !(await verifyPassword(dto.password, user.passwordHash))) {
      await appendAudit(this.db.manager, {
        actor: user?.id ?? 'anonymous',
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: dto.email.slice(0, 100),
      });
      throw new UnauthorizedException({
        message: 'Wrong email or password (邮箱或密码错误)',
        code: 'BAD_CREDENTIALS',
      });
    }
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role, ent: user.enterpriseId, sup: user.supplierId, name: user.displayName },
      { expiresIn: this.env.JWT_TTL_SECONDS },
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.env.JWT_TTL_SECONDS,
      user: this.view(user),
    };
  }

  @ApiBearerAuth()
  @Get('me')
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
