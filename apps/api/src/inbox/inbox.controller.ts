import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Notifier } from '@app/notifications';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { InboxPageResponse, InboxReadResponse } from './inbox.responses';

/** Every signed-in user's in-app inbox: only their own messages. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly notifier: Notifier) {}

  @Get()
  @ApiOperation({ summary: "站内消息 · The caller's inbox" })
  @ApiOkResponse({ type: InboxPageResponse })
  list(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.notifier.listInbox(me.userId, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记消息已读 · Mark a message as read' })
  @ApiOkResponse({ type: InboxReadResponse })
  async read(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.notifier.markRead(me.userId, id))) notFound('notification');
    return { id, read: true };
  }
}
