import { Body } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiController, ApiGet, ApiPost, IdParam } from '../common/routes';
import { CommentsService } from './comments.service';
import { CommentDto, CommentResponse } from './review.dto';

@ApiController('review', 'applications/:id/comments')
@Roles('reviewer', 'senior_reviewer')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @ApiGet('', '审核意见交流 · The reviewers’ comment thread on an application', [CommentResponse])
  @Roles('reviewer', 'senior_reviewer', 'admin')
  list(@IdParam() id: string) {
    return this.comments.list(id);
  }

  @ApiPost('', '发表审核评论 · Add a comment to an application’s thread', CommentResponse)
  add(@CurrentUser() me: Principal, @IdParam() id: string, @Body() dto: CommentDto) {
    return this.comments.add(me, id, dto.body);
  }
}
