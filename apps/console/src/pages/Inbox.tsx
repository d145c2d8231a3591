import { useState } from 'react';
import { api, type Role } from '../api';
import { Card, Paged } from '../components/ui';
import { formatDateTime } from '../format';
import { usePagedList } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useUser } from '../session';

interface Message {
  id: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
  entityType: string | null;
  entityId: string | null;
}

const STAFF: Role[] = ['reviewer', 'senior_reviewer', 'finance', 'admin'];

/** Where the record a message is about opens for this role; null when no screen of theirs shows it. */
export function recordPath(m: Pick<Message, 'entityType' | 'entityId'>, role: Role): string | null {
  const id = m.entityId;
  switch (m.entityType) {
    case 'application':
      return id && role !== 'supplier' ? `/applications/${id}` : null;
    case 'settlement':
    case 'claim':
      return role === 'enterprise' ? '/settlements' : role === 'supplier' ? '/supplier-settlements' : null;
    case 'voucher':
      return role === 'enterprise' ? '/vouchers' : null;
    case 'pool_application':
      return id && role !== 'supplier' ? `/puhui/applications/${id}` : null;
    case 'pool_redemption':
      return id && role !== 'enterprise' ? `/puhui/redemptions/${id}` : null;
    case 'redemption_run':
      return id && (role === 'finance' || role === 'admin') ? `/runs/${id}` : null;
    case 'round_entry':
      return role === 'enterprise' || role === 'supplier' ? '/round-entries' : null;
    case 'supervision_finding':
      return id && STAFF.includes(role) ? `/supervision/${id}` : null;
    case 'review_digest':
      return role === 'reviewer' || role === 'senior_reviewer' ? '/review' : null;
    case null:
    default:
      return null;
  }
}

export function InboxPage() {
  const { t } = useI18n();
  const me = useUser();
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
                {openId === m.id ? (
                  <div className="message-open">
                    <pre className="message">{m.body}</pre>
                    {recordPath(m, me.role) ? (
                      <Link to={recordPath(m, me.role)!} testId="inbox-record-link">
                        {t('openRecord')}
                      </Link>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Paged>
    </Card>
  );
}
