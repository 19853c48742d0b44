import type { ErrorComponentProps } from '@tanstack/react-router';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { usePageTitle } from '../components/page-title.js';

/** A page that failed to load or render: the error is shown, with a retry and a way home. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  usePageTitle(t('error.page'));
  return (
    <>
      <h1>{t('error.page')}</h1>
      <ErrorNotice error={error} onRetry={reset} />
      <p>
        <Link to="/">{t('error.toStart')}</Link>
      </p>
    </>
  );
}
