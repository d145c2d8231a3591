import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppEnv } from '@app/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({
        // A KeyObject made once: handed the string, jsonwebtoken would rebuild (and first try to parse it
        // as a public key) on every sign and verify, the largest single cost of a signed-in request.
        secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')),
        signOptions: { algorithm: 'HS256', issuer: 'compute-voucher' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'compute-voucher' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
