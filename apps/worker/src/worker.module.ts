import path from 'node:path';
import { Module } from '@nestjs/common';
import { AppEnv, ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ACTIVITY_CLASSES, ActivitiesModule } from '@app/activities';
import {
  TEMPORAL_WORKER_SETUP,
  TemporalWorkerHost,
  bindActivities,
  mergeActivities,
  workflowBundleOptions,
  type TemporalWorkerSetup,
} from '@app/temporal';
import { RedemptionSchedulesRegistrar } from './schedules.registrar';

/** The folder holding workflows/ and libs/: the repo root under ts, dist/ when compiled. */
const CODE_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The worker's application context: activities are ordinary injectable providers. */
@Module({
  imports: [ConfigModule, PersistenceModule, ActivitiesModule],
  providers: [
    {
      provide: TEMPORAL_WORKER_SETUP,
      // Injected (not looked up through ModuleRef) so every activity class is fully constructed first.
      inject: [AppEnv, ...ACTIVITY_CLASSES],
      useFactory: (env: AppEnv, ...instances: object[]): TemporalWorkerSetup => ({
        activities: mergeActivities(...instances.map((instance) => bindActivities(instance))),
        workerOptions: env.WORKFLOW_BUNDLE_PATH
          ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } }
          : workflowBundleOptions(CODE_ROOT),
      }),
    },
    TemporalWorkerHost,
    RedemptionSchedulesRegistrar,
  ],
})
export class WorkerModule {}
