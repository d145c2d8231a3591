import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppEnv, requireJwtSecret } from '@app/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { PrincipalCache, PrincipalChangesSettled } from './principal-cache';
import { UserAccessLookup } from './user-access';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({
        // A KeyObject made once: handed the string, jsonwebtoken would rebuild (and first try to parse it
        // as a public key) on every sign and verify, the largest single cost of a signed-in request.
        secret: createSecretKey(Buffer.from(requireJwtSecret(env), 'utf8')),
        signOptions: { algorithm: 'HS256', issuer: 'compute-voucher' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'compute-voucher' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    PrincipalCache,
    // The guard's lookup, cached and evicted by NOTIFY (ADR 0043).
    { provide: UserAccessLookup, useExisting: PrincipalCache },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: PrincipalChangesSettled },
  ],
  exports: [UserAccessLookup],
})
export class AuthModule {}
