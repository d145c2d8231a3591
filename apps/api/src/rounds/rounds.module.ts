import { Module } from '@nestjs/common';
import { WorkflowGateway } from '../common/workflow-gateway';
import { GrantsController } from '../grants/grants.controller';
import { PublicNoticeController } from '../public/public-notice.controller';
import { RoundEntriesController, RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';

/**
 * Ranked rounds with public notice (特惠算力券, 算力补贴券), the public notice pages anyone may read, and the
 * automatic grants (绿色算力券).
 */
@Module({
  controllers: [RoundEntriesController, RoundsController, PublicNoticeController, GrantsController],
  providers: [RoundsService, WorkflowGateway],
})
export class RoundsModule {}
