import { useState } from 'react';
import { api, loadSession, saveSession } from '../api';
import { SpecForm, passwordField, text, type FieldSpec } from '../components/forms';
import { Card, Notice } from '../components/ui';
import { useI18n } from '../i18n';

/** Any signed-in user changes their own password (the current one first; a wrong one is said next to it). */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const [changed, setChanged] = useState(0);
  const fields: FieldSpec[] = [
    {
      name: 'currentPassword',
      label: t('currentPassword'),
      kind: 'password',
      autoComplete: 'current-password',
      rule: (v) => text(v) !== '',
      message: t('passwordRequired'),
      codes: { WRONG_PASSWORD: t('wrongPassword') },
    },
    passwordField(t, 'newPassword', 'newPassword'),
    {
      name: 'confirmPassword',
      label: t('confirmPassword'),
      kind: 'password',
      rule: (v, values) => v === values.newPassword,
      message: t('passwordMismatch'),
    },
  ];
  return (
    <Card title={t('changePassword')} testId="change-password">
      {changed ? <Notice kind="ok">{t('passwordChanged')}</Notice> : null}
      <SpecForm
        // A fresh, empty form after each change.
        key={changed}
        fields={fields}
        initial={{ currentPassword: '', newPassword: '', confirmPassword: '' }}
        submitLabel={t('changePassword')}
        onSubmit={async (v) => {
          const fresh = await api.post<{ accessToken: string; expiresIn: number }>('/auth/password', {
            currentPassword: v.currentPassword,
            newPassword: v.newPassword,
          });
          // The change revoked every earlier token, this one included: carry on with the fresh one.
          const session = loadSession();
          if (session)
            saveSession({
              ...session,
              token: fresh.accessToken,
              expiresAt: Date.now() + fresh.expiresIn * 1000,
            });
          setChanged((n) => n + 1);
        }}
        testId="change-password-form"
      />
    </Card>
  );
}
