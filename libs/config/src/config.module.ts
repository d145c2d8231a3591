import { Global, Module } from '@nestjs/common';
import { AppEnv, loadEnv } from './env';

/** Provides the validated AppEnv; the process refuses to start when it is invalid. */
@Global()
@Module({
  providers: [{ provide: AppEnv, useFactory: () => loadEnv() }],
  exports: [AppEnv],
})
export class ConfigModule {}
