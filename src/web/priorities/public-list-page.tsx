import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PublishedList } from '../../modules/prioritisation/workflow.service.js';
import { apiGet } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n.js';

export type PublishedListJson = PublishedList;

/** The published list of a region and year (newest version, or `version`). */
export const publishedListQuery = (region: string, year: number, version?: number) =>
  queryOptions({
    queryKey: ['priorities', 'public', region, year, version ?? null],
    queryFn: ({ signal }) =>
      apiGet<PublishedListJson>(
        `/api/public/priorities/${encodeURIComponent(region)}/${year}${version ? `?version=${version}` : ''}`,
        { signal },
      ),
  });

const BANDS = ['4', '5-6', '6-8'] as const;
type Band = (typeof BANDS)[number];
const asBand = (b: string): Band => ((BANDS as readonly string[]).includes(b) ? (b as Band) : '4');

/**
 * `/prioriteringar/{region}/{year}`: the region's published list of prioritised shortage occupations, grouped
 * band → field → occupation, with date, version, method note, sources, the age of the data, the difference from
 * the year before and the downloads.
 */
export function PublicListPage({
  region,
  year,
  version,
}: {
  region: string;
  year: number;
  version?: number;
}) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const query = useQuery(publishedListQuery(region, year, version));
  const list = query.data;
  usePageTitle(list?.title ?? t('title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (!list) return null;
  const base = `/api/public/priorities/${encodeURIComponent(region)}/${year}`;
  const v = `?version=${list.version}`;
  const basis = list.basis as {
    roundLabel?: string;
    referenceDate?: string;
    method?: { version?: string };
  } | null;
  const diff = list.previous?.diff;
  return (
    <article className="priorities-public">
      <h1>{list.title}</h1>
      <p className="lead">
        {t('published', { date: formatDate(list.publishedAt, language), version: list.version })}
        {list.changeNote ? ` ${t('changeNote', { note: list.changeNote })}` : ''}
      </p>
      <p>
        <Link to="/prioriteringar/$region/sektor" params={{ region }}>
          {t('sectorLink')}
        </Link>
      </p>
      {list.versions.length > 1 && (
        <nav aria-label={t('versions')}>
          <ul className="inline-list">
            {list.versions.map((x) => (
              <li key={x.version}>
                <Link
                  to="/prioriteringar/$region/$year"
                  params={{ region, year: String(year) }}
                  search={{ version: x.version }}
                  aria-current={x.version === list.version ? 'page' : undefined}
                >
                  {t('versionLink', { version: x.version, date: formatDate(x.publishedAt, language) })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {BANDS.map((band) => {
        const rows = list.rows.filter((r) => r.seqfBand === band);
        if (rows.length === 0) return null;
        const fields = [...new Set(rows.map((r) => r.field ?? t('noField')))];
        return (
          <section key={band} aria-labelledby={`band-${band}`}>
            <h2 id={`band-${band}`}>{t(`band.${band}`)}</h2>
            {fields.map((field) => (
              <section key={field} aria-label={field}>
                <h3>{field}</h3>
                <ul>
                  {rows
                    .filter((r) => (r.field ?? t('noField')) === field)
                    .map((r) => (
                      <li key={r.ssyk || r.name}>
                        <Link to="/yrken/$ssyk" params={{ ssyk: r.ssyk }}>
                          {r.name}
                        </Link>
                        {r.strategic && <span className="tag"> {t('strategic')}</span>}
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </section>
        );
      })}
      {list.previous && diff && (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading">{t('diff.heading', { year: list.previous.year })}</h2>
          <ul>
            <li>
              {t('diff.added', { count: diff.added.length })}
              {diff.added.length > 0 && `: ${diff.added.map((e) => e.name).join(', ')}`}
            </li>
            <li>
              {t('diff.removed', { count: diff.removed.length })}
              {diff.removed.length > 0 && `: ${diff.removed.map((e) => e.name).join(', ')}`}
            </li>
            <li>
              {t('diff.moved', { count: diff.moved.length })}
              {diff.moved.length > 0 &&
                `: ${diff.moved.map((e) => `${e.name} (${t(`band.${asBand(e.fromBand)}`)} → ${t(`band.${asBand(e.seqfBand)}`)})`).join(', ')}`}
            </li>
          </ul>
        </section>
      )}
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t('about.heading')}</h2>
        <p>
          {list.origin === 'import'
            ? t('about.imported')
            : t('about.method', { method: basis?.method?.version ?? '' })}
        </p>
        {basis?.referenceDate && (
          <p>
            {t('about.data', {
              round: basis.roundLabel ?? '',
              date: formatDate(basis.referenceDate, language),
              age: list.age?.words[language] ?? '',
            })}
            {list.age?.isOld && <strong> {t('about.old')}</strong>}
          </p>
        )}
        <p>{t('about.sources')}</p>
      </section>
      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t('downloads.heading')}</h2>
        <ul className="inline-list">
          <li>
            <a href={`${base}/export.csv${v}`} download>
              {t('downloads.csv')}
            </a>
          </li>
          <li>
            <a href={`${base}/export.xlsx${v}`} download>
              {t('downloads.xlsx')}
            </a>
          </li>
          <li>
            <a href={`${base}/export.pdf${v}`} download>
              {t('downloads.pdf')}
            </a>
          </li>
          <li>
            <a href={`${base}${v}`}>{t('downloads.json')}</a>
          </li>
          <li>
            <button type="button" onClick={() => window.print()}>
              {t('downloads.print')}
            </button>
          </li>
        </ul>
      </section>
    </article>
  );
}
