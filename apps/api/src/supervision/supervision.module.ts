import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { SupervisionActivities } from '@app/activities/supervision.activities';
import { WorkflowGateway } from '../common/workflow-gateway';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  imports: [NotificationsModule],
  controllers: [SupervisionController],
  // The reminders are sent by the same code the worker's daily Schedule runs.
  providers: [SupervisionService, WorkflowGateway, SupervisionActivities],
})
export class SupervisionModule {}
