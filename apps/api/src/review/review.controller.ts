import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AssignDto, DecisionDto, QueueCountsResponse, QueueQuery } from './review.dto';
import {
  ReviewAssigneeResponse,
  ReviewDecisionResponse,
  ReviewQueuePage,
  ReviewTaskResponse,
} from './review.responses';
import { ReviewService } from './review.service';

@ApiTags('review')
@ApiBearerAuth()
@Controller('review-tasks')
@Roles('reviewer', 'senior_reviewer')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get()
  @ApiOperation({ summary: '审核任务队列 · The review queue' })
  @ApiOkResponse({ type: ReviewQueuePage })
  queue(@CurrentUser() me: Principal, @Query() q: QueueQuery) {
    return this.review.queue(me, q);
  }

  /** The count on each tab, under the same filters as the list (the `view` given is ignored). */
  @Get('counts')
  @ApiOperation({ summary: '审核队列各标签的任务数 · Task counts for each tab of the queue' })
  @ApiOkResponse({ type: QueueCountsResponse })
  counts(@CurrentUser() me: Principal, @Query() q: QueueQuery) {
    return this.review.counts(me, q);
  }

  /** Who a senior reviewer may assign tasks to. */
  @Get('assignees')
  @Roles('senior_reviewer')
  @ApiOperation({ summary: '可指派的审核人 · Reviewers a task can be assigned to' })
  @ApiOkResponse({ type: [ReviewAssigneeResponse] })
  assignees() {
    return this.review.assignees();
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '领取审核任务 · Claim a review task' })
  @ApiOkResponse({ type: ReviewTaskResponse })
  claim(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.review.claim(me, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: '退回审核任务 · Release a claimed review task' })
  @ApiOkResponse({ type: ReviewTaskResponse })
  release(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.review.release(me, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('senior_reviewer')
  @ApiOperation({ summary: '指派审核任务 · Assign a review task to a reviewer' })
  @ApiOkResponse({ type: ReviewTaskResponse })
  assign(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignDto) {
    return this.review.assign(me, id, dto.userId);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '作出审核决定 · Decide a review task' })
  @ApiOkResponse({ type: ReviewDecisionResponse })
  decide(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionDto) {
    return this.review.decide(me, id, dto);
  }
}
