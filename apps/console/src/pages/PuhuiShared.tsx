import { useRef, useState } from 'react';
import type { LocalizedText } from '@app/domain';
import { api } from '../api';
import { DataTable, ErrorBox, type Column } from '../components/ui';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';

/** The program code of Chengdu's 普惠算力券 (the one first-come pool these screens show). */
export const PUHUI = 'chengdu-puhui';

export interface RequiredMaterial {
  code: string;
  name: LocalizedText;
  required: boolean;
  uploaded: boolean;
}

/**
 * The program's list of materials for this party and stage, each with its state and (when `uploadUrl` is
 * given) a file input that uploads under that material's code (PDF, PNG or JPEG, at most 10 MB).
 */
export function MaterialChecklist({
  materials,
  uploadUrl,
  onUploaded,
}: {
  materials: RequiredMaterial[];
  uploadUrl: string | null;
  onUploaded(): void;
}) {
  const { t, pick } = useI18n();
  const action = useAction();
  const columns: Column<RequiredMaterial>[] = [
    { head: t('phMaterials'), cell: (m) => pick(m.name) },
    {
      head: t('status'),
      cell: (m) => (
        <span className={`badge ${m.uploaded ? 'ok' : 'warn'}`} data-uploaded={m.uploaded}>
          {m.uploaded ? t('phUploaded') : t('phMissing')}
        </span>
      ),
    },
  ];
  if (uploadUrl) {
    columns.push({
      head: t('phUpload'),
      cell: (m) => (
        <MaterialInput
          code={m.code}
          onFile={(file) =>
            void action
              .run(() => api.upload(`${uploadUrl}?code=${encodeURIComponent(m.code)}`, file))
              .then((ok) => ok && onUploaded())
          }
        />
      ),
    });
  }
  return (
    <>
      <ErrorBox error={action.error} />
      <DataTable rows={materials} columns={columns} rowKey={(m) => m.code} rowTestId="material-row" compact />
    </>
  );
}

function MaterialInput({ code, onFile }: { code: string; onFile(file: File): void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <input
      ref={ref}
      type="file"
      name={`file-${code}`}
      data-code={code}
      accept=".pdf,.png,.jpg,.jpeg"
      onChange={() => {
        const file = ref.current?.files?.[0];
        if (file) onFile(file);
        if (ref.current) ref.current.value = '';
      }}
    />
  );
}

/** Approve, or refuse with a reason (required): the bureau's decision on an application or redemption. */
export function ApproveRefuse({
  url,
  approveLabel,
  onDone,
}: {
  url: string;
  approveLabel: string;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction();
  const decide = (decision: 'approve' | 'refuse') =>
    void action
      .run(() => api.post(url, decision === 'approve' ? { decision } : { decision, reason: reason.trim() }))
      .then((ok) => ok && onDone());
  return (
    <div className="stack" data-testid="ph-decision">
      <ErrorBox error={action.error} />
      <label className="field wide">
        <span>{t('phReason')}</span>
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="row end">
        <button
          type="button"
          className="danger"
          disabled={action.busy || !reason.trim()}
          onClick={() => decide('refuse')}
          data-testid="ph-refuse"
        >
          {t('phRefuse')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() => decide('approve')}
          data-testid="ph-approve"
        >
          {approveLabel}
        </button>
      </div>
    </div>
  );
}
