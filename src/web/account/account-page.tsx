import './account.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDateTime, isoDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { ConfirmDialog, RequireAccess, useRoleName } from './access.js';
import { apiSend, type MeJson, meQuery, type TokenJson, tokensQuery } from './api.js';

/** `/konto`: my account, memberships, API tokens, my data, sign out everywhere. */
export function AccountPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('account.title'));
  return (
    <>
      <h1>{t('account.title')}</h1>
      <RequireAccess>
        {(me) => (
          <>
            <Profile me={me} />
            <Tokens />
            <MyData />
          </>
        )}
      </RequireAccess>
    </>
  );
}

function When({ value }: { value: string | null }) {
  const language = useLanguage();
  const { t } = useTranslation('account');
  if (!value) return <>{t('never')}</>;
  return <time dateTime={isoDateTime(value)}>{formatDateTime(value, language)}</time>;
}

function Profile({ me }: { me: MeJson }) {
  const { t } = useTranslation('account');
  const roleName = useRoleName();
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('account.profile')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{me.user.name || '–'}</dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{me.user.email}</dd>
        </div>
        <div>
          <dt>{t('account.language')}</dt>
          <dd>{me.user.language === 'en' ? 'English' : 'Svenska'}</dd>
        </div>
      </dl>
      <h3>{t('account.memberships')}</h3>
      {me.memberships.length === 0 ? (
        <p>{t('account.noMemberships')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-scroll" aria-label={t('account.memberships')} tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('account.memberships')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.organisation')}</th>
                <th scope="col">{t('account.role')}</th>
                <th scope="col">{t('account.areas')}</th>
              </tr>
            </thead>
            <tbody>
              {me.memberships.map((m) => (
                <tr key={`${m.organisationId}|${m.role}`}>
                  <td>
                    {m.organisationName} <code>{m.organisationId}</code>
                  </td>
                  <td>{roleName(m.role)}</td>
                  <td>{m.areas.length > 0 ? m.areas.join(', ') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

function tokenState(token: TokenJson, now: number): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

function Tokens() {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [days, setDays] = useState(90);
  const [created, setCreated] = useState<{ token: string; expiresAt: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenJson | null>(null);
  const create = useMutation({
    mutationFn: () =>
      apiSend<{ id: string; token: string; expiresAt: string }>('POST', '/api/me/tokens', {
        name,
        scope,
        days,
      }),
    onSuccess: (result) => {
      setCreated(result);
      setName('');
      void queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiSend<void>('DELETE', `/api/me/tokens/${encodeURIComponent(id)}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const now = Date.now();

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('tokens.heading')}</h2>
      <p>{t('tokens.lead')}</p>
      <form className="account-form" onSubmit={onSubmit}>
        <p className="field">
          <label htmlFor="token-name">{t('tokens.name')}</label>
          <input
            id="token-name"
            type="text"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </p>
        <fieldset className="field">
          <legend>{t('tokens.scope')}</legend>
          {(['read', 'write'] as const).map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name="token-scope"
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
              />{' '}
              {t(`tokens.scopes.${s}`)}
            </label>
          ))}
        </fieldset>
        <p className="field">
          <label htmlFor="token-days">{t('tokens.days')}</label>
          <input
            id="token-days"
            type="number"
            min={1}
            max={366}
            required
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          />
        </p>
        {create.isError && <ErrorNotice error={create.error} />}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('tokens.create')}
        </button>
      </form>
      {created && (
        <div className="notice notice-ok" role="status" data-testid="new-token">
          <p className="notice-title">{t('tokens.createdTitle')}</p>
          <p>{t('tokens.createdText')}</p>
          <p>
            <code className="secret">{created.token}</code>
          </p>
          <button type="button" className="button" onClick={() => setCreated(null)}>
            {t('tokens.hide')}
          </button>
        </div>
      )}
      {tokens.isPending && <Loading />}
      {tokens.isError && <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && tokens.data.tokens.length === 0 && <p>{t('tokens.none')}</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-scroll" aria-label={t('tokens.list')} tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t('tokens.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.scope')}</th>
                <th scope="col">{t('tokens.state')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => {
                const state = tokenState(token, now);
                return (
                  <tr key={token.id}>
                    <td>{token.name || <code>{token.id}</code>}</td>
                    <td>{t(`tokens.scopes.${token.scope === 'write' ? 'write' : 'read'}`)}</td>
                    <td>{t(`tokens.states.${state}`)}</td>
                    <td>
                      <When value={token.expiresAt} />
                    </td>
                    <td>
                      <When value={token.lastUsedAt} />
                    </td>
                    <td>
                      {state === 'active' && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setRevoking(token)}
                        >
                          {t('tokens.revoke')}
                          <span className="visually-hidden"> {token.name || token.id}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {revoke.isError && <ErrorNotice error={revoke.error} />}
      <ConfirmDialog
        open={revoking !== null}
        title={t('tokens.revokeTitle')}
        text={t('tokens.revokeText', { name: revoking?.name || revoking?.id || '' })}
        confirmLabel={t('tokens.revoke')}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id);
          setRevoking(null);
        }}
      />
    </section>
  );
}

function MyData() {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const everywhere = useMutation({
    mutationFn: () => apiSend<{ ended: number }>('POST', '/api/auth/logout-everywhere'),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      queryClient.setQueryData(meQuery.queryKey, null);
      await router.navigate({ to: '/logga-in' });
    },
  });
  return (
    <section aria-labelledby="mydata-heading">
      <h2 id="mydata-heading">{t('account.myData')}</h2>
      <p>{t('account.myDataText')}</p>
      <p>
        {/* A plain link: the server answers with a JSON file to save (Content-Disposition). */}
        <a href="/api/me/export" download className="button">
          {t('account.export')}
        </a>
      </p>
      <h2>{t('account.sessions')}</h2>
      <p>{t('account.everywhereText')}</p>
      {everywhere.isError && <ErrorNotice error={everywhere.error} />}
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        {t('account.everywhere')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('account.everywhere')}
        text={t('account.everywhereConfirm')}
        confirmLabel={t('account.everywhere')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          everywhere.mutate();
        }}
      />
    </section>
  );
}
