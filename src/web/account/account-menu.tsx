import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { apiSend, meQuery, regionsWith } from './api.js';

/**
 * The header's account part: "Sign in", or the signed-in user's name, their account, the admin pages their roles
 * open, and "Sign out". Anonymous visitors (401 from /api/me) simply see "Sign in"; no error is shown.
 */
export function AccountMenu() {
  const { t } = useTranslation('common');
  const me = useQuery(meQuery);
  const queryClient = useQueryClient();
  const router = useRouter();
  const location = useLocation();
  const signOut = useMutation({
    mutationFn: () => apiSend<void>('POST', '/api/auth/logout'),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      queryClient.setQueryData(meQuery.queryKey, null);
      await router.navigate({ to: '/' });
    },
  });

  if (me.isPending) {
    // Hold the place of "Sign in" (what most visitors get) while /api/me answers, so the header does not reflow
    // when it appears: on a phone the header wraps, and a late link moved the whole page (CLS 0.14 on /karta).
    return (
      <span className="header-link account-pending" aria-hidden="true">
        {t('accountMenu.signIn')}
      </span>
    );
  }
  if (!me.data) {
    if (location.pathname === '/logga-in') return null;
    const returnTo = `${location.pathname}${location.searchStr ?? ''}`;
    return (
      <Link to="/logga-in" search={returnTo === '/' ? {} : { returnTo }} className="header-link">
        {t('accountMenu.signIn')}
      </Link>
    );
  }
  const isAdmin = regionsWith(me.data, ['admin']).length > 0;
  const isWriter = regionsWith(me.data, ['admin', 'strateg']).length > 0;
  const decidesPriorities = isWriter;
  const votesPriorities = regionsWith(me.data, ['kommun']).length > 0;
  const seesNeeds =
    regionsWith(me.data, ['admin', 'strateg', 'kompetensmaklare', 'lasare', 'kommun']).length > 0;
  return (
    <nav
      className="account-menu"
      aria-label={t('accountMenu.signedInAs', { name: me.data.user.name || me.data.user.email })}
    >
      <ul>
        <li>
          <Link to="/konto" className="header-link">
            <span className="visually-hidden">{t('accountMenu.account')}: </span>
            {me.data.user.name || me.data.user.email}
          </Link>
        </li>
        {seesNeeds && (
          <li>
            <Link to="/maklare" className="header-link">
              {t('accountMenu.brokers')}
            </Link>
          </li>
        )}
        {(decidesPriorities || votesPriorities) && (
          <li>
            <Link
              to={decidesPriorities ? '/prioriteringar/arbete' : '/prioriteringar/remiss'}
              className="header-link"
            >
              {t('accountMenu.priorities')}
            </Link>
          </li>
        )}
        {isAdmin && (
          <li>
            <Link to="/admin/anvandare" className="header-link">
              {t('accountMenu.users')}
            </Link>
          </li>
        )}
        {isWriter && (
          <li>
            <Link to="/admin/omraden" className="header-link">
              {t('accountMenu.areas')}
            </Link>
          </li>
        )}
        {isAdmin && (
          <li>
            <Link to="/admin/logg" className="header-link">
              {t('accountMenu.log')}
            </Link>
          </li>
        )}
        <li>
          <button
            type="button"
            className="header-button"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            {t('accountMenu.signOut')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
