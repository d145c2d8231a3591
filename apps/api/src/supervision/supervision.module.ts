import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { WorkflowGateway } from '../common/workflow-gateway';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  imports: [NotificationsModule],
  controllers: [SupervisionController],
  providers: [SupervisionService, WorkflowGateway],
})
export class SupervisionModule {}
