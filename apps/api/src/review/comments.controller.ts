import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CommentsService } from './comments.service';
import { CommentDto, CommentResponse } from './review.dto';

@ApiTags('review')
@ApiBearerAuth()
@Controller('applications/:id/comments')
@Roles('reviewer', 'senior_reviewer')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @Roles('reviewer', 'senior_reviewer', 'admin')
  @ApiOperation({ summary: '审核意见交流 · The reviewers’ comment thread on an application' })
  @ApiOkResponse({ type: [CommentResponse] })
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.comments.list(id);
  }

  @Post()
  @ApiOperation({ summary: '发表审核评论 · Add a comment to an application’s thread' })
  @ApiCreatedResponse({ type: CommentResponse })
  add(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CommentDto) {
    return this.comments.add(me, id, dto.body);
  }
}
