import { Module } from '@nestjs/common';
import { WorkflowGateway } from '../common/workflow-gateway';
import { PoolController } from './pool.controller';
import { PoolService } from './pool.service';

/** The first-come pool (Chengdu 普惠算力券): applications, review, deductions at the supplier, redemptions. */
@Module({
  controllers: [PoolController],
  providers: [PoolService, WorkflowGateway],
})
export class PoolModule {}
