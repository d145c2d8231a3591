import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Card, ErrorBox, Field, Notice, SubmitRow, fieldErrors } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { useUser } from '../session';
import type { ApplicationDetail } from '../types';
import { TaskActions } from './Queue';

type Decision = 'approve' | 'reject' | 'request_supplement';
const DECISIONS: Decision[] = ['approve', 'request_supplement', 'reject'];

/** The reviewer's side of the application page: the open task, claim/release, and the decision. */
export function DecisionPanel({ app, onDone }: { app: ApplicationDetail; onDone(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const me = useUser();
  const senior = me.role === 'senior_reviewer';
  const task = app.tasks.find((x) => x.status === 'open' && (senior || x.kind === 'review'));
  const assignees = useAsync(
    () =>
      senior
        ? api.get<{ id: string; displayName: string; role: string }[]>('/review-tasks/assignees')
        : Promise.resolve([]),
    [senior],
  );
  const action = useAction();
  if (!task) return null;
  const excluded = task.excludedUserId === me.id;
  const who = assignees.data?.find((a) => a.id === task.assigneeId)?.displayName;

  async function act(fn: () => Promise<unknown>) {
    await action.run(fn);
    onDone();
  }

  return (
    <Card
      title={`${label('kind_', task.kind)} · ${t('round')} ${task.round}`}
      testId="decision-panel"
      actions={
        <TaskActions task={task} meId={me.id} senior={senior} assignees={assignees.data ?? []} act={act} />
      }
    >
      <ErrorBox error={action.error} />
      <p className="muted">
        {t('dueAt')}: {formatDateTime(task.dueAt)} ·{' '}
        {task.assigneeId
          ? t('assignedTo', { name: task.assigneeId === me.id ? me.displayName : (who ?? '—') })
          : t('unassigned')}
      </p>
      {excluded ? (
        <Notice kind="warn">
          <span data-testid="same-reviewer-refusal">{t('sameReviewer')}</span>
        </Notice>
      ) : task.assigneeId === me.id ? (
        <DecisionForm taskId={task.id} onDone={onDone} />
      ) : (
        <p className="muted">{t('claimFirst')}</p>
      )}
    </Card>
  );
}

function DecisionForm({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<Decision>('approve');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useAction();
  // The same rule as the API: a reason is required unless approving.
  const reasonMissing = decision !== 'approve' && reason.trim() === '';
  const serverFields = fieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (reasonMissing) return;
    void run(async () => {
      await api.post(`/review-tasks/${taskId}/decision`, {
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      onDone();
    });
  }

  return (
    <form className="decision" onSubmit={submit} data-testid="decision-form">
      <div className="row" role="radiogroup" aria-label={t('decide')}>
        {DECISIONS.map((d) => (
          <label key={d} className={`choice ${decision === d ? 'on' : ''}`}>
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            {t(`decision_${d}`)}
          </label>
        ))}
      </div>
      <Field
        label={`${t('reason')}${decision === 'approve' ? '' : ` (${t('required')})`}`}
        error={serverFields.reason ?? (touched && reasonMissing ? t('reasonRequired') : null)}
        wide
      >
        <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {error && !serverFields.reason ? <ErrorBox error={error} /> : null}
      <SubmitRow busy={busy} label={t('submit')} busyLabel={t('submitting')} />
    </form>
  );
}
