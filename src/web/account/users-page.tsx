import './account.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDateTime, isoDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { AccessError, ConfirmDialog, RegionSelect, RequireAccess, useRoleName } from './access.js';
import { type AdminUserJson, adminUsersQuery, apiSend, areasQuery, outboxQuery, regionName } from './api.js';

/** Roles an admin can give in the region itself (the others belong to municipalities, centres and providers). */
const REGION_ROLES = ['lasare', 'kompetensmaklare', 'strateg', 'admin'] as const;

/** `/admin/anvandare`: the users of my region (admin): invite, disable, delete personal data; the outbox. */
export function UsersPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('users.title'));
  const search = useSearch({ from: '/admin/anvandare' });
  const navigate = useNavigate({ from: '/admin/anvandare' });
  return (
    <>
      <h1>{t('users.title')}</h1>
      <RequireAccess roles={['admin']} region={search.region}>
        {(me, regions) => {
          const region = search.region ?? (regions[0] as string);
          return (
            <>
              <RegionSelect
                me={me}
                regions={regions}
                value={region}
                onChange={(r) => void navigate({ search: (s) => ({ ...s, region: r }) })}
              />
              <UserAdmin
                region={regions.length > 1 ? region : undefined}
                regionId={region}
                regionLabel={regionName(me, region)}
              />
            </>
          );
        }}
      </RequireAccess>
    </>
  );
}

function UserAdmin({
  region,
  regionId,
  regionLabel,
}: {
  region: string | undefined;
  regionId: string;
  regionLabel: string;
}) {
  const { t } = useTranslation('account');
  const users = useQuery(adminUsersQuery(region));
  return (
    <>
      <p className="lead">{t('users.lead', { region: regionLabel })}</p>
      <InviteForm region={region} regionId={regionId} />
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t('users.heading')}</h2>
        {users.isPending && <Loading />}
        {users.isError && <AccessError error={users.error} onRetry={() => void users.refetch()} />}
        {users.data && <UserTable users={users.data.users} region={region} />}
      </section>
      <Outbox region={region} />
    </>
  );
}

function InviteForm({ region, regionId }: { region: string | undefined; regionId: string }) {
  const { t } = useTranslation('account');
  const roleName = useRoleName();
  const queryClient = useQueryClient();
  const areas = useQuery(areasQuery);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof REGION_ROLES)[number]>('kompetensmaklare');
  const [chosenAreas, setChosenAreas] = useState<string[]>([]);
  const invite = useMutation({
    mutationFn: () =>
      apiSend<{ email: string; invited: boolean; delivery: 'sent' | 'outbox' | 'failed' | null }>(
        'POST',
        '/api/admin/users',
        {
          email,
          ...(name.trim() ? { name: name.trim() } : {}),
          role,
          ...(role === 'kompetensmaklare' ? { areas: chosenAreas } : {}),
          ...(region ? { region } : {}),
        },
      ),
    onSuccess: () => {
      setEmail('');
      setName('');
      setChosenAreas([]);
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  const regionAreas = (areas.data?.areas ?? []).filter((a) => a.regionId === regionId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <section aria-labelledby="invite-heading" className="panel">
      <h2 id="invite-heading">{t('users.invite')}</h2>
      <form className="account-form" onSubmit={onSubmit}>
        <p className="field">
          <label htmlFor="invite-email">{t('users.email')}</label>
          <input
            id="invite-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor="invite-name">{t('users.name')}</label>
          <input
            id="invite-name"
            type="text"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor="invite-role">{t('users.role')}</label>
          <select
            id="invite-role"
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof REGION_ROLES)[number])}
          >
            {REGION_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </p>
        {role === 'kompetensmaklare' && (
          <fieldset className="field">
            <legend>{t('users.brokerAreas')}</legend>
            {regionAreas.length === 0 && <p className="hint">{t('users.noAreas')}</p>}
            {regionAreas.map((a) => (
              <label key={a.id} className="choice">
                <input
                  type="checkbox"
                  checked={chosenAreas.includes(a.id)}
                  onChange={(e) =>
                    setChosenAreas((list) =>
                      e.target.checked ? [...list, a.id] : list.filter((x) => x !== a.id),
                    )
                  }
                />{' '}
                {a.name}
              </label>
            ))}
          </fieldset>
        )}
        {invite.isError && <ErrorNotice error={invite.error} />}
        <div aria-live="polite">
          {invite.isSuccess && (
            <p className="notice notice-ok" role="status">
              <span aria-hidden="true">✓ </span>
              {invite.data.invited
                ? t(`users.invited.${invite.data.delivery ?? 'outbox'}`, { email: invite.data.email })
                : t('users.membershipAdded', { email: invite.data.email })}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary" disabled={invite.isPending || !email}>
          {t('users.sendInvite')}
        </button>
      </form>
    </section>
  );
}

function UserTable({ users, region }: { users: AdminUserJson[]; region: string | undefined }) {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const roleName = useRoleName();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<AdminUserJson | null>(null);
  const [disabling, setDisabling] = useState<AdminUserJson | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminUsersQuery(region).queryKey });
  const disable = useMutation({
    mutationFn: (id: string) => apiSend<void>('POST', `/api/admin/users/${encodeURIComponent(id)}/disable`),
    onSettled: refresh,
  });
  const erase = useMutation({
    mutationFn: (id: string) =>
      apiSend<void>('DELETE', `/api/admin/users/${encodeURIComponent(id)}/personal-data`),
    onSettled: refresh,
  });
  if (users.length === 0) return <p>{t('users.none')}</p>;
  return (
    <>
      {disable.isError && <ErrorNotice error={disable.error} />}
      {erase.isError && <ErrorNotice error={erase.error} />}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="table-scroll" aria-label={t('users.heading')} tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">{t('users.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.lastSignIn')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user={u.email}>
                <td>{u.name || '–'}</td>
                <td>{u.email}</td>
                <td>
                  {u.memberships
                    .map((m) =>
                      m.areas.length > 0 ? `${roleName(m.role)} (${m.areas.join(', ')})` : roleName(m.role),
                    )
                    .join('; ')}
                </td>
                <td>
                  {u.status === 'active'
                    ? t('users.active')
                    : u.status === 'disabled'
                      ? t('users.disabled')
                      : u.status}
                </td>
                <td>
                  {u.lastSignInAt ? (
                    <time dateTime={isoDateTime(u.lastSignInAt)}>
                      {formatDateTime(u.lastSignInAt, language)}
                    </time>
                  ) : (
                    t('never')
                  )}
                </td>
                <td className="row-actions">
                  {u.status === 'active' && (
                    <button type="button" className="button button-small" onClick={() => setDisabling(u)}>
                      {t('users.disable')}
                      <span className="visually-hidden"> {u.email}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => setDeleting(u)}
                  >
                    {t('users.erase')}
                    <span className="visually-hidden"> {u.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ConfirmDialog
        open={disabling !== null}
        title={t('users.disableTitle')}
        text={t('users.disableText', { email: disabling?.email ?? '' })}
        confirmLabel={t('users.disable')}
        onCancel={() => setDisabling(null)}
        onConfirm={() => {
          if (disabling) disable.mutate(disabling.id);
          setDisabling(null);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('users.eraseTitle')}
        text={t('users.eraseText', { email: deleting?.email ?? '' })}
        confirmLabel={t('users.erase')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) erase.mutate(deleting.id);
          setDeleting(null);
        }}
      />
    </>
  );
}

function Outbox({ region }: { region: string | undefined }) {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const outbox = useQuery(outboxQuery(region));
  return (
    <section aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">{t('outbox.heading')}</h2>
      <p>{t('outbox.lead')}</p>
      {outbox.isPending && <Loading />}
      {outbox.isError && <AccessError error={outbox.error} onRetry={() => void outbox.refetch()} />}
      {outbox.data && outbox.data.messages.length === 0 && <p>{t('outbox.none')}</p>}
      {outbox.data && outbox.data.messages.length > 0 && (
        <ul className="outbox">
          {outbox.data.messages.map((m) => (
            <li key={m.id} data-to={m.to}>
              <p>
                <strong>{m.subject}</strong> – {t('outbox.to', { to: m.to })},{' '}
                <time dateTime={isoDateTime(m.createdAt)}>{formatDateTime(m.createdAt, language)}</time> –{' '}
                {m.sentAt
                  ? t('outbox.sent')
                  : m.error
                    ? t('outbox.failed', { error: m.error })
                    : t('outbox.notSent')}
              </p>
              <details>
                <summary>{t('outbox.show')}</summary>
                <pre className="mail-body" lang="sv">
                  {m.body}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
