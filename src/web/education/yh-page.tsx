import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { GeoPicker } from '../components/geo-picker.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { yhRoundQuery } from './api.js';

const route = getRouteApi('/utbildning/yh');

/** `/utbildning/yh?geo=county:21`: prioritised occupations at SeQF 5–6 (+4) against the YH round's applications. */
export function EducationYhPage() {
  const { t } = useTranslation('education');
  const language = useLanguage();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const geo = search.geo ?? 'county:21';
  const year = search.year ?? 2024;
  const query = useQuery(yhRoundQuery(geo, year));
  usePageTitle(t('yh.title', { year }));
  return (
    <>
      <h1>{t('yh.title', { year })}</h1>
      <p>{t('yh.intro')}</p>
      <GeoPicker value={geo} onSelect={(g) => void navigate({ search: (prev) => ({ ...prev, geo: g }) })} />
      {query.isError ? <ErrorNotice error={query.error} /> : null}
      {query.isPending ? <Loading /> : null}
      {query.data ? (
        <>
          <p>{t('yh.summary', query.data.applicationsInRegion)}</p>
          {query.data.rows.map((r) => (
            <section key={r.ssyk} aria-labelledby={`yh-${r.ssyk}`}>
              <h2 id={`yh-${r.ssyk}`}>
                <Link to="/yrken/$ssyk" params={{ ssyk: r.ssyk }} search={{ geo }}>
                  {r.name}
                </Link>{' '}
                <span className="muted">
                  {r.ssyk} · SeQF {r.seqfBand ?? '–'} · {t('yh.granted')} {r.granted} · {t('yh.rejected')}{' '}
                  {r.rejected}
                </span>
              </h2>
              <ul>
                {r.applications.map((a) => (
                  <li key={a.id}>
                    <strong>{a.decision === 'granted' ? t('yh.granted') : t('yh.rejected')}</strong>: {a.name}{' '}
                    – {a.provider} ({a.inRegion ? t('yh.inRegion') : t('yh.atDistance')},{' '}
                    {t('yh.places', {
                      applied: formatInteger(a.placesApplied, language),
                      granted: formatInteger(a.placesGranted, language),
                    })}
                    , {a.id})
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <h2>{t('yh.without')}</h2>
          {query.data.withoutApplication.length === 0 ? (
            <p>{t('yh.noneWithout')}</p>
          ) : (
            <ul>
              {query.data.withoutApplication.map((o) => (
                <li key={o.ssyk}>
                  <Link to="/yrken/$ssyk" params={{ ssyk: o.ssyk }} search={{ geo }}>
                    {o.name}
                  </Link>{' '}
                  <span className="muted">
                    {o.ssyk} · SeQF {o.seqfBand ?? '–'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}
