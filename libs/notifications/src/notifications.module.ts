import { Module } from '@nestjs/common';
import { Notifier } from './notifier';

/**
 * Provides the Notifier. Relies on the global AppEnv (ConfigModule) and the TypeORM DataSource
 * (PersistenceModule) that every process already imports.
 */
@Module({
  providers: [Notifier],
  exports: [Notifier],
})
export class NotificationsModule {}
