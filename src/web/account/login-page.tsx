import './account.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouter, useSearch } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { usePageTitle } from '../components/page-title.js';
import { apiSend, authMethodsQuery, isSsoRefusal, type MeJson, meQuery, safeReturnTo } from './api.js';

/** The password rule of issue 10, checked by the server too. */
export const MIN_PASSWORD_LENGTH = 12;

/** `/logga-in`: sign in with e-mail and password (or SSO), or accept an invitation with `?inbjudan=TOKEN`. */
export function LoginPage() {
  const search = useSearch({ from: '/logga-in' });
  const { t } = useTranslation('account');
  usePageTitle(search.inbjudan ? t('invitation.title') : t('login.title'));
  const returnTo = safeReturnTo(search.returnTo) ?? '/konto';
  if (search.inbjudan) return <InvitationForm token={search.inbjudan} />;
  return <LoginForm returnTo={returnTo} refusal={search.fel} />;
}

/** After sign-in: the new user into the cache (the header updates at once), then on to where the user was going. */
function useSignedIn() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (me: Omit<MeJson, 'via'>, target: string) => {
    // Everything cached for the previous user (or for nobody) is dropped before the new one sees anything.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    const signedInUser: MeJson = { ...me, via: 'session' };
    queryClient.setQueryData(meQuery.queryKey, signedInUser);
    await router.navigate({ href: target });
  };
}

function LoginForm({ returnTo, refusal }: { returnTo: string; refusal: string | undefined }) {
  const { t } = useTranslation('account');
  const me = useQuery(meQuery);
  const methods = useQuery(authMethodsQuery);
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const login = useMutation({
    mutationFn: () => apiSend<Omit<MeJson, 'via'>>('POST', '/api/auth/login', { email, password }),
    onSuccess: (result) => signedIn(result, returnTo),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  let problem: string | undefined;
  if (login.isError) {
    const error = login.error;
    if (isApiError(error) && error.status === 401) problem = t('login.wrong');
    else if (isApiError(error) && error.status === 429) {
      const seconds = Number(error.details.retryAfterSeconds);
      problem =
        Number.isFinite(seconds) && seconds > 0
          ? t('login.tooMany', { count: seconds })
          : t('login.tooManyNoTime');
    }
  }

  return (
    <div className="account-narrow">
      <h1>{t('login.title')}</h1>
      {me.data && (
        <p className="notice notice-info">
          {t('login.already', { name: me.data.user.name || me.data.user.email })}{' '}
          <Link to="/konto">{t('login.toAccount')}</Link>
        </p>
      )}
      <form
        className="account-form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby={problem ? errorId : undefined}
      >
        <p className="field">
          <label htmlFor="login-email">{t('login.email')}</label>
          <input
            id="login-email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => setEmail(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </p>
        <div aria-live="assertive" id={errorId}>
          {problem && (
            <p className="notice notice-error form-error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {problem}
            </p>
          )}
        </div>
        {login.isError && !problem && <ErrorNotice error={login.error} />}
        <button
          type="submit"
          className="button button-primary"
          disabled={login.isPending || !email || !password}
        >
          {login.isPending ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
      {refusal && (
        <div className="notice notice-error" role="alert" data-testid="sso-refusal">
          <p className="notice-title">{t('sso.refusedTitle')}</p>
          <p>{isSsoRefusal(refusal) ? t(`sso.refusals.${refusal}`) : t('sso.refusals.other')}</p>
          <p className="notice-code">{t('sso.code', { code: refusal })}</p>
        </div>
      )}
      {/* Shown only when the server has an identity provider; a server without the endpoint has none either. */}
      {methods.data?.sso.available && methods.data.sso.startUrl && (
        <p className="sso">
          {/* A full page load: the server redirects to the organisation's identity provider. */}
          <a
            href={`${methods.data.sso.startUrl}?${new URLSearchParams({ returnTo }).toString()}`}
            className="button"
          >
            {t('login.sso')}
          </a>
        </p>
      )}
      <p className="hint">{t('login.noAccount')}</p>
    </div>
  );
}

function InvitationForm({ token }: { token: string }) {
  const { t } = useTranslation('account');
  const signedIn = useSignedIn();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const ruleId = useId();
  const accept = useMutation({
    mutationFn: () =>
      apiSend<Omit<MeJson, 'via'>>('POST', '/api/auth/invitation', {
        token,
        password,
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    onSuccess: (result) => signedIn(result, '/konto'),
  });
  const tooShort = [...password].length < MIN_PASSWORD_LENGTH;
  const mismatch = password !== repeat;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (tooShort || mismatch) return;
    accept.mutate();
  };

  return (
    <div className="account-narrow">
      <h1>{t('invitation.title')}</h1>
      <p>{t('invitation.lead')}</p>
      <form className="account-form" onSubmit={onSubmit} noValidate>
        <p className="field">
          <label htmlFor="invite-name">{t('invitation.name')}</label>
          <input
            id="invite-name"
            type="text"
            name="name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor="invite-password">{t('invitation.password')}</label>
          <span className="field-hint" id={ruleId}>
            {t('invitation.rule', { count: MIN_PASSWORD_LENGTH })}
          </span>
          <input
            id="invite-password"
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            aria-describedby={ruleId}
            aria-invalid={tried && tooShort ? true : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="field-status" aria-live="polite">
            {password.length > 0 &&
              (tooShort
                ? t('invitation.lengthLeft', { count: MIN_PASSWORD_LENGTH - [...password].length })
                : `✓ ${t('invitation.lengthOk')}`)}
          </span>
        </p>
        <p className="field">
          <label htmlFor="invite-repeat">{t('invitation.repeat')}</label>
          <input
            id="invite-repeat"
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            required
            aria-invalid={tried && mismatch ? true : undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </p>
        <div aria-live="assertive">
          {tried && (tooShort || mismatch) && (
            <p className="notice notice-error form-error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {tooShort ? t('invitation.tooShort', { count: MIN_PASSWORD_LENGTH }) : t('invitation.mismatch')}
            </p>
          )}
        </div>
        {accept.isError && <ErrorNotice error={accept.error} />}
        <button type="submit" className="button button-primary" disabled={accept.isPending}>
          {t('invitation.submit')}
        </button>
      </form>
    </div>
  );
}
