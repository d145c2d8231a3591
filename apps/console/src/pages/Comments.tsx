import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Card, ErrorBox, Field, Loading, SubmitRow, fieldErrors } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n, useLabel } from '../i18n';

interface Comment {
  id: string;
  authorName: string;
  authorRole: string;
  body: string;
  createdAt: string;
}

const MAX = 2000;

/** The reviewers' thread on an application (ADR 0048): reviewers and senior reviewers write, each audited. */
export function CommentsCard({ applicationId, canWrite }: { applicationId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const comments = useAsync(
    () => api.get<Comment[]>(`/applications/${applicationId}/comments`),
    [applicationId],
  );
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  const problem =
    body.trim() === '' ? t('commentRequired') : [...body.trim()].length > MAX ? t('commentTooLong') : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    void run(async () => {
      await api.post(`/applications/${applicationId}/comments`, { body: body.trim() });
      setBody('');
      setTouched(false);
      comments.reload();
    });
  }

  return (
    <Card title={t('comments')} testId="comments">
      {comments.data ? (
        comments.data.length === 0 ? (
          <p className="muted">{t('commentsEmpty')}</p>
        ) : (
          <ol className="comment-thread" data-testid="comment-thread">
            {comments.data.map((c) => (
              <li key={c.id} data-testid="comment">
                <p className="muted small-text">
                  <strong>{c.authorName}</strong> · {label('role_', c.authorRole)} ·{' '}
                  {formatDateTime(c.createdAt)}
                </p>
                <p className="comment-body">{c.body}</p>
              </li>
            ))}
          </ol>
        )
      ) : comments.error ? (
        <ErrorBox error={comments.error} />
      ) : (
        <Loading />
      )}
      {canWrite ? (
        <form onSubmit={submit} data-testid="comment-form" noValidate>
          <Field
            label={t('commentBody')}
            required
            wide
            error={server.body ?? (touched && problem ? problem : null)}
          >
            <textarea name="comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          {error && !server.body ? <ErrorBox error={error} /> : null}
          <SubmitRow busy={busy} label={t('commentPost')} busyLabel={t('commentPosting')} />
        </form>
      ) : null}
    </Card>
  );
}
