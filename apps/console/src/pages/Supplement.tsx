import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { Card, ErrorBox, Field, Notice, SubmitRow, fieldErrors } from '../components/ui';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';
import type { ApplicationDetail } from '../types';

const TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
const MAX_BYTES = 10 * 1024 * 1024;
const OPEN = new Set([
  'submitted',
  'checking',
  'in_review',
  'supplement_requested',
  'awaiting_second_approval',
]);

/** The enterprise's side: upload materials while the application is open; resubmit after a request. */
export function SupplementPanel({ app, onDone }: { app: ApplicationDetail; onDone(): void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string[] | null>(null);
  const [uploading, setUploading] = useState(false);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  if (!OPEN.has(app.status)) return null;
  const request = [...app.tasks].reverse().find((x) => x.outcome === 'request_supplement');
  const asked = app.status === 'supplement_requested';

  async function upload() {
    const file = input.current?.files?.[0];
    setFileError(null);
    if (!file) return;
    // The API's rules, checked before sending 10 MB for nothing.
    if (!TYPES.includes(file.type)) return setFileError([t('fileType')]);
    if (file.size > MAX_BYTES) return setFileError([t('fileTooLarge')]);
    setUploading(true);
    try {
      await api.upload(`/applications/${app.id}/materials`, file);
      if (input.current) input.current.value = '';
      onDone();
    } catch (err) {
      setFileError(fieldErrors(err).file ?? [(err as Error).message]);
    } finally {
      setUploading(false);
    }
  }

  function resubmit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await api.post(`/applications/${app.id}/resubmit`, note.trim() ? { note: note.trim() } : {});
      onDone();
    });
  }

  return (
    <Card title={t(asked ? 'supplementAsked' : 'upload')} testId="supplement-panel">
      {asked ? (
        <Notice kind="warn">
          <strong>{t('supplementAsked')}</strong>
          {request?.reason ? <span data-testid="supplement-reason">：{request.reason}</span> : null}
        </Notice>
      ) : null}
      <div className="row">
        <Field label={t('upload')} hint={t('fileHint')} error={fileError}>
          <input
            ref={input}
            type="file"
            name="file"
            accept=".pdf,.png,.jpg,.jpeg"
            onChange={() => void upload()}
          />
        </Field>
        {uploading ? (
          <span className="loading">
            <span className="spinner" /> {t('uploading')}
          </span>
        ) : null}
      </div>
      {asked ? (
        <form onSubmit={resubmit} className="stack">
          <Field label={t('resubmitNote')} wide>
            <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <ErrorBox error={error} />
          <SubmitRow busy={busy} label={t('resubmit')} />
        </form>
      ) : null}
    </Card>
  );
}
