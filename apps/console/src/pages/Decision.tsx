import { useEffect, useState, type FormEvent } from 'react';
import { api, qs, type Page } from '../api';
import { Card, ConfirmDialog, ErrorBox, Field, Notice, SubmitRow, fieldErrors } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { useUser } from '../session';
import { navigate } from '../router';
import type { AppTask, ApplicationDetail, ReviewTask } from '../types';
import { TaskActions } from './Queue';

type Decision = 'approve' | 'reject' | 'request_supplement';
const DECISIONS: Decision[] = ['approve', 'request_supplement', 'reject'];

/**
 * What the last decision did, for the page it leads to (the next task's): the message survives the
 * navigation and is shown once, on that application only.
 */
let flash: { applicationId: string; text: string } | null = null;

/** The next task to open after deciding: the reviewer's own first, then an unassigned one they may take. */
async function nextTask(kind: AppTask['kind'], decidedAppId: string, meId: string): Promise<string | null> {
  for (const view of ['mine', 'unassigned']) {
    const page = await api.get<Page<ReviewTask>>(`/review-tasks${qs({ view, kind, pageSize: 10 })}`);
    const next = page.items.find((x) => x.applicationId !== decidedAppId && x.excludedUserId !== meId);
    if (next) return next.applicationId;
  }
  return null;
}

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
  const [notice, setNotice] = useState<{ applicationId: string; text: string } | null>(null);
  useEffect(() => {
    if (flash?.applicationId !== app.id) return;
    setNotice(flash);
    flash = null;
  }, [app.id]);
  const done =
    notice?.applicationId === app.id ? (
      <Notice kind="ok">
        <span data-testid="decision-done" role="status">
          {notice.text}
        </span>
      </Notice>
    ) : null;
  // The senior reviewer sees what the first review concluded, and why, before the second approval.
  const firstOpinion = app.tasks.filter((x) => x.kind === 'review' && x.status === 'completed').at(-1);
  if (!task) return done;
  const excluded = task.excludedUserId === me.id;
  const who = assignees.data?.find((a) => a.id === task.assigneeId)?.displayName;
  const decidedTask = task;

  async function decided(decision: Decision) {
    const vars = { contract: app.contract.contractNumber, decision: t(`decision_${decision}`) };
    const next = await nextTask(decidedTask.kind, app.id, me.id).catch(() => null);
    if (next) {
      flash = { applicationId: next, text: t('decidedNext', vars) };
      navigate(`/applications/${next}`);
    } else {
      setNotice({ applicationId: app.id, text: t('decidedNoNext', vars) });
      onDone();
    }
  }

  async function act(fn: () => Promise<unknown>) {
    await action.run(fn);
    onDone();
  }

  return (
    <>
      {done}
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
        {task.kind === 'second_approval' && firstOpinion ? <FirstOpinion task={firstOpinion} /> : null}
        {excluded ? (
          <Notice kind="warn">
            <span data-testid="same-reviewer-refusal">{t('sameReviewer')}</span>
          </Notice>
        ) : task.assigneeId === me.id ? (
          <DecisionForm taskId={task.id} contractNumber={app.contract.contractNumber} onDecided={decided} />
        ) : (
          <p className="muted">{t('claimFirst')}</p>
        )}
      </Card>
    </>
  );
}

/** The first review's outcome, its reason and who gave it. */
function FirstOpinion({ task }: { task: AppTask }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <section className="first-opinion" data-testid="first-opinion" aria-label={t('firstOpinion')}>
      <h3>{t('firstOpinion')}</h3>
      <p>
        <strong>{task.outcome ? label('decision_', task.outcome) : '—'}</strong>
        {' · '}
        {task.reason ? task.reason : <span className="muted">{t('noReasonGiven')}</span>}
      </p>
      <p className="muted">
        {t('firstOpinionBy', {
          name: task.completedByName ?? '—',
          at: formatDateTime(task.completedAt),
        })}
      </p>
    </section>
  );
}

/**
 * Nothing is preselected (a decision is chosen, never defaulted) and the decision is confirmed in a dialog
 * before it is sent; then `onDecided` says what happened and opens the next task.
 */
function DecisionForm({
  taskId,
  contractNumber,
  onDecided,
}: {
  taskId: string;
  contractNumber: string;
  onDecided(decision: Decision): Promise<void>;
}) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  // The same rule as the API: a reason is required unless approving.
  const reasonMissing = decision !== null && decision !== 'approve' && reason.trim() === '';
  const serverFields = fieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (decision === null || reasonMissing) return;
    setConfirming(true);
  }

  function confirm() {
    if (decision === null) return;
    void run(async () => {
      await api.post(`/review-tasks/${taskId}/decision`, {
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setConfirming(false);
      await onDecided(decision);
    }).then((ok) => {
      // A field the server refused is shown on the form, not in the dialog.
      if (!ok) setConfirming(false);
    });
  }

  return (
    <form className="decision" onSubmit={submit} data-testid="decision-form">
      <div className="row" role="radiogroup" aria-label={t('decide')} aria-required="true">
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
      {touched && decision === null ? (
        <span className="field-error" role="alert" data-testid="decision-required">
          {t('decisionRequired')}
        </span>
      ) : null}
      <Field
        label={`${t('reason')}${decision === null || decision === 'approve' ? '' : ` (${t('required')})`}`}
        error={serverFields.reason ?? (touched && reasonMissing ? t('reasonRequired') : null)}
        wide
      >
        <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {error && !serverFields.reason ? <ErrorBox error={error} /> : null}
      <SubmitRow busy={busy} label={t('submit')} busyLabel={t('submitting')} />
      {confirming && decision !== null ? (
        <ConfirmDialog
          message={t('decideConfirm', { contract: contractNumber, decision: t(`decision_${decision}`) })}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={confirm}
        />
      ) : null}
    </form>
  );
}
