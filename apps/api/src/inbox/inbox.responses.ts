import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

export class InboxItemResponse extends Fields({
  id: is.uuid,
  kind: is.text.about('What happened (notification kind)'),
  subject: is.text,
  body: is.text,
  entityType: is.textOrNull,
  entityId: is.textOrNull,
  createdAt: is.instant,
  readAt: is.instantOrNull,
}) {}

export class InboxPageResponse extends Fields({
  items: [InboxItemResponse],
  total: is.numeric,
  unread: is.numeric.about('Unread entries in the whole inbox'),
}) {}

export class InboxReadResponse extends Fields({
  id: is.uuid,
  read: is.exactly(true),
}) {}
