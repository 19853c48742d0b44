import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title.js';

export type ComingSoonKey = 'signals' | 'map' | 'learningCentres';

/**
 * A page that a later version builds (signals, map, learning centres). It says what will be here and shows no
 * figures; the route and its URL state (`?geo=`) already exist so links to it keep working.
 */
export function ComingSoonPage({ page }: { page: ComingSoonKey }) {
  const { t } = useTranslation('pages');
  usePageTitle(t(`${page}.title`));
  return (
    <>
      <h1>
        {t(`${page}.title`)} <span className="badge badge-soon">{t('comingSoon.badge')}</span>
      </h1>
      <p className="lead">{t(`${page}.description`)}</p>
      <div className="notice notice-info">
        <p>{t('comingSoon.text')}</p>
        <p>
          {t('comingSoon.meanwhile')} <Link to="/data">{t('comingSoon.dataLink')}</Link>
        </p>
      </div>
    </>
  );
}
