import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { useLanguage } from '../i18n.js';
import { evidenceHref, gapsQuery } from './api.js';

/** The education block of the occupation page: routes or gap in the area, and the YH evidence pack downloads. */
export function EducationBlock({ ssyk, geo, label }: { ssyk: string; geo: string; label: string }) {
  const { t } = useTranslation('education');
  const language = useLanguage();
  const query = useQuery(gapsQuery(geo));
  const row = query.data?.rows.find((r) => r.ssyk === ssyk);
  return (
    <section aria-labelledby="education-block-title">
      <h2 id="education-block-title">{t('block.title')}</h2>
      {query.isError ? <ErrorNotice error={query.error} /> : null}
      {row ? (
        <p>
          {row.gap ? <strong>{t('block.gap')}</strong> : t('block.routes', row.routes)}{' '}
          {row.notPrimarilyEducation ? t('gap.paradox') : null}
        </p>
      ) : query.data ? (
        <p>{t('block.notListed')}</p>
      ) : null}
      <ul>
        <li>
          <a
            href={evidenceHref(geo, [ssyk], 'pdf', language)}
            download
            aria-label={`${t('block.pdf')}: ${label}`}
          >
            {t('block.pdf')}
          </a>
        </li>
        <li>
          <a
            href={evidenceHref(geo, [ssyk], 'docx', language)}
            download
            aria-label={`${t('block.docx')}: ${label}`}
          >
            {t('block.docx')}
          </a>
        </li>
        <li>
          <Link to="/utbildning/gap" search={{ geo, ssyk }}>
            {t('block.gapPage')}
          </Link>
        </li>
      </ul>
    </section>
  );
}
