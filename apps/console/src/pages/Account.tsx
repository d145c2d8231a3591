import { useState } from 'react';
import { api } from '../api';
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
          await api.post('/auth/password', {
            currentPassword: v.currentPassword,
            newPassword: v.newPassword,
          });
          setChanged((n) => n + 1);
        }}
        testId="change-password-form"
      />
    </Card>
  );
}
