import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEnv } from '@app/config';
import { BusinessClock } from './clock';
import { dataSourceOptions } from './data-source';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => dataSourceOptions(env),
    }),
  ],
  providers: [BusinessClock],
  exports: [BusinessClock],
})
export class PersistenceModule {}
