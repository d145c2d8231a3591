import { Query } from '@nestjs/common';
import { Notifier } from '@app/notifications';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { ApiController, ApiGet, ApiAction, IdParam } from '../common/routes';
import { InboxPageResponse, InboxReadResponse } from './inbox.responses';

/** Every signed-in user's in-app inbox: only their own messages. */
@ApiController('inbox', 'inbox')
export class InboxController {
  constructor(private readonly notifier: Notifier) {}

  @ApiGet('', "站内消息 · The caller's inbox", InboxPageResponse)
  list(@CurrentUser() me: Principal, @Query() q: PageQuery) {
    return this.notifier.listInbox(me.userId, q);
  }

  @ApiAction(':id/read', '标记消息已读 · Mark a message as read', InboxReadResponse)
  async read(@CurrentUser() me: Principal, @IdParam() id: string) {
    if (!(await this.notifier.markRead(me.userId, id))) notFound('notification');
    return { id, read: true };
  }
}
