import { useState } from 'react';
import { api } from '../api';
import { Card, Paged } from '../components/ui';
import { formatDateTime } from '../format';
import { usePagedList } from '../hooks';
import { useI18n } from '../i18n';

interface Message {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export function InboxPage() {
  const { t } = useI18n();
  const [openId, setOpenId] = useState<string | null>(null);
  const inbox = usePagedList<Message, { unread: number }>('/inbox');

  async function open(m: Message) {
    setOpenId(openId === m.id ? null : m.id);
    if (!m.readAt) {
      await api.post(`/inbox/${m.id}/read`);
      inbox.reload();
    }
  }

  return (
    <Card title={`${t('inboxTitle')}${inbox.data ? ` · ${inbox.data.unread} ${t('unread')}` : ''}`}>
      <Paged list={inbox}>
        {(items) => (
          <ul className="inbox">
            {items.map((m) => (
              <li key={m.id} className={m.readAt ? '' : 'unread'}>
                <button type="button" className="inbox-row" onClick={() => void open(m)}>
                  <span className="subject">{m.subject}</span>
                  <span className="muted">{formatDateTime(m.createdAt)}</span>
                </button>
                {openId === m.id ? <pre className="message">{m.body}</pre> : null}
              </li>
            ))}
          </ul>
        )}
      </Paged>
    </Card>
  );
}
