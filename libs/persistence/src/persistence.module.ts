import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEnv } from '@app/config';
import { BusinessClock } from './clock';
import { dataSourceOptions } from './data-source';
import { ProgramCatalog } from './program-catalog';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => dataSourceOptions(env),
    }),
  ],
  providers: [BusinessClock, ProgramCatalog],
  exports: [BusinessClock, ProgramCatalog],
})
export class PersistenceModule {}
