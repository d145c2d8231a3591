import { useState } from 'react';
import { api, type Page } from '../api';
import { Card, Empty, ErrorBox, Loading, Pager } from '../components/ui';
import { formatDateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

interface Message {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

const PAGE_SIZE = 20;

export function InboxPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const inbox = useAsync(
    () => api.get<Page<Message> & { unread: number }>(`/inbox?page=${page}&pageSize=${PAGE_SIZE}`),
    [page],
  );

  async function open(m: Message) {
    setOpenId(openId === m.id ? null : m.id);
    if (!m.readAt) {
      await api.post(`/inbox/${m.id}/read`);
      inbox.reload();
    }
  }

  return (
    <Card title={`${t('inboxTitle')}${inbox.data ? ` · ${inbox.data.unread} ${t('unread')}` : ''}`}>
      <ErrorBox error={inbox.error} />
      {!inbox.data ? (
        <Loading />
      ) : inbox.data.items.length === 0 ? (
        <Empty />
      ) : (
        <>
          <ul className="inbox">
            {inbox.data.items.map((m) => (
              <li key={m.id} className={m.readAt ? '' : 'unread'}>
                <button type="button" className="inbox-row" onClick={() => void open(m)}>
                  <span className="subject">{m.subject}</span>
                  <span className="muted">{formatDateTime(m.createdAt)}</span>
                </button>
                {openId === m.id ? <pre className="message">{m.body}</pre> : null}
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={inbox.data.total} onPage={setPage} />
        </>
      )}
    </Card>
  );
}
