import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title.js';

/** Any unknown path: says so plainly and offers the pages that exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text', { path: decodeURIComponentSafe(pathname) })}</p>
      <p>{t('notFound.suggestions')}</p>
      <ul>
        <li>
          <Link to="/">{t('notFound.toStart')}</Link>
        </li>
        <li>
          <Link to="/data">{t('notFound.toData')}</Link>
        </li>
      </ul>
    </div>
  );
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
