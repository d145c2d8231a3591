import { Module } from '@nestjs/common';
import { WorkflowGateway } from '../common/workflow-gateway';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService, WorkflowGateway],
})
export class SupervisionModule {}
