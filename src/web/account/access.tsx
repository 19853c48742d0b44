import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { type MeJson, meQuery, regionName, regionsWith } from './api.js';

/** The current address (path and query), to come back to after signing in. */
export function useReturnTo(): string {
  const location = useLocation();
  return `${location.pathname}${location.searchStr ?? ''}`;
}

/** "Sign in to see this page": shown for 401, with a link that brings the user back here afterwards. */
export function SignInPrompt() {
  const { t } = useTranslation('account');
  const returnTo = useReturnTo();
  return (
    <div className="notice notice-info" data-testid="sign-in-prompt">
      <p className="notice-title">{t('access.signInTitle')}</p>
      <p>{t('access.signInText')}</p>
      <p>
        <Link to="/logga-in" search={{ returnTo }}>
          {t('access.signInLink')}
        </Link>
      </p>
    </div>
  );
}

/** "You lack the right": 403, and also 404 for another region's data (whose existence is not revealed). */
export function ForbiddenNotice() {
  const { t } = useTranslation('account');
  return (
    <div className="notice notice-error" role="alert" data-testid="forbidden">
      <p className="notice-title">{t('access.forbiddenTitle')}</p>
      <p>{t('access.forbiddenText')}</p>
      <p>
        <Link to="/konto">{t('access.toAccount')}</Link>
      </p>
    </div>
  );
}

/** A failed request: sign-in prompt for 401, the no-right message for 403/404, else the general error notice. */
export function AccessError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isApiError(error) && error.status === 401) return <SignInPrompt />;
  if (isApiError(error) && (error.status === 403 || error.status === 404)) return <ForbiddenNotice />;
  return <ErrorNotice error={error} onRetry={onRetry} />;
}

/**
 * Shows its children only to a signed-in user holding one of the roles in some region (any signed-in user when no
 * roles are given); everyone else gets the sign-in prompt or the no-right message. The server checks again: this
 * only spares the user a request that would be refused.
 */
export function RequireAccess({
  roles,
  region,
  children,
}: {
  roles?: readonly string[];
  /** The region asked for in the URL: must be one where the user holds the role. */
  region?: string;
  children: (me: MeJson, regions: string[]) => ReactNode;
}) {
  const me = useQuery(meQuery);
  if (me.isPending) return <Loading />;
  if (me.isError) return <AccessError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <SignInPrompt />;
  const regions = roles ? regionsWith(me.data, roles) : [];
  if (roles && (regions.length === 0 || (region !== undefined && !regions.includes(region)))) {
    return <ForbiddenNotice />;
  }
  return <>{children(me.data, regions)}</>;
}

/** Chooses the region to act in when the user has a role in several; hidden when there is only one. */
export function RegionSelect({
  me,
  regions,
  value,
  onChange,
}: {
  me: MeJson;
  regions: string[];
  value: string;
  onChange: (region: string) => void;
}) {
  const { t } = useTranslation('account');
  if (regions.length < 2) return null;
  return (
    <p className="field">
      <label htmlFor="region-select">{t('access.region')}</label>
      <select id="region-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {regions.map((r) => (
          <option key={r} value={r}>
            {regionName(me, r)}
          </option>
        ))}
      </select>
    </p>
  );
}

/**
 * A modal confirmation (native <dialog>: focus is trapped and Escape cancels). Used before destructive actions.
 */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('account');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onClose={onCancel}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{text}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The role's name in the user's language. */
export function useRoleName(): (role: string) => string {
  const { t } = useTranslation('account');
  return (role) => {
    const key = `roles.${role}` as 'roles.admin';
    const text = t(key);
    return text === key ? role : text;
  };
}
