import { useState, type FormEvent } from 'react';
import { ApiError, login, networkError } from '../api';
import { InputField } from '../components/ui';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function LoginPage() {
  const { t, lang, setLang, pick } = useI18n();
  const { flash, signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await login(email.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError ? err : networkError());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-wrap">
      <form className="login card" onSubmit={(e) => void onSubmit(e)}>
        <div className="row between">
          <h1>{t('appName')}</h1>
          <button type="button" className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </div>
        {flash ? (
          <div className="alert warn" role="status" data-testid="login-flash">
            {t(flash)}
          </div>
        ) : null}
        <InputField
          label={t('email')}
          error={error?.fieldsIn(lang).email}
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          required
        />
        <InputField
          label={t('password')}
          error={error?.fieldsIn(lang).password}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          required
        />
        {error && !Object.keys(error.fields).length ? (
          <div className="alert error" role="alert">
            {pick(error.texts)}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </div>
  );
}
