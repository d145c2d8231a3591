import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEnv } from '@app/config';
import { dataSourceOptions } from './data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => dataSourceOptions(env),
    }),
  ],
})
export class PersistenceModule {}
