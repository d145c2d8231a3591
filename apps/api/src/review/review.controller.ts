import { Body, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiController, ApiGet, ApiAction, IdParam } from '../common/routes';
import { AssignDto, DecisionDto, QueueCountsResponse, QueueQuery } from './review.dto';
import {
  ReviewAssigneeResponse,
  ReviewDecisionResponse,
  ReviewQueuePage,
  ReviewTaskResponse,
} from './review.responses';
import { ReviewService } from './review.service';

@ApiController('review', 'review-tasks')
@Roles('reviewer', 'senior_reviewer')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @ApiGet('', '审核任务队列 · The review queue', ReviewQueuePage)
  queue(@CurrentUser() me: Principal, @Query() q: QueueQuery) {
    return this.review.queue(me, q);
  }

  /** The count on each tab, under the same filters as the list (the `view` given is ignored). */
  @ApiGet('counts', '审核队列各标签的任务数 · Task counts for each tab of the queue', QueueCountsResponse)
  counts(@CurrentUser() me: Principal, @Query() q: QueueQuery) {
    return this.review.counts(me, q);
  }

  /** Who a senior reviewer may assign tasks to. */
  @ApiGet('assignees', '可指派的审核人 · Reviewers a task can be assigned to', [ReviewAssigneeResponse])
  @Roles('senior_reviewer')
  assignees() {
    return this.review.assignees();
  }

  @ApiAction(':id/claim', '领取审核任务 · Claim a review task', ReviewTaskResponse)
  claim(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.review.claim(me, id);
  }

  @ApiAction(':id/release', '退回审核任务 · Release a claimed review task', ReviewTaskResponse)
  release(@CurrentUser() me: Principal, @IdParam() id: string) {
    return this.review.release(me, id);
  }

  @ApiAction(':id/assign', '指派审核任务 · Assign a review task to a reviewer', ReviewTaskResponse)
  @Roles('senior_reviewer')
  assign(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: AssignDto) {
    return this.review.assign(me, id, dto.userId);
  }

  @ApiAction(':id/decision', '作出审核决定 · Decide a review task', ReviewDecisionResponse)
  decide(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: DecisionDto) {
    return this.review.decide(me, id, dto);
  }
}
