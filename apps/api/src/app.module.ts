import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { TemporalClientModule } from '@app/temporal';
import { HealthController } from './health/health.controller';

@Module({
  imports: [ConfigModule, PersistenceModule, TemporalClientModule],
  controllers: [HealthController],
})
export class AppModule {}
