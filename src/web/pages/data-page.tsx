import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages.js';
import { type ImportRunJson, type SourceJson, sourcesQuery } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExternalLink } from '../components/external-link.js';
import { Loading } from '../components/loading.js';
import { MethodSection } from '../components/method-section.js';
import { usePageTitle } from '../components/page-title.js';
import { RunStatus } from '../components/run-status.js';
import {
  compareText,
  formatDate,
  formatDateTime,
  formatInteger,
  formatSeconds,
  isoDateTime,
  MISSING,
} from '../format.js';
import { useLanguage } from '../i18n.js';
import { labourMarketRoundsQuery, type RoundJson, signalRoundsQuery } from '../signals/api.js';
import { roundName } from '../signals/labels.js';

/** `/data` "Data och metod": every registered source with licence, files and import runs. */
export function DataPage() {
  const { t } = useTranslation('data');
  const language = useLanguage();
  usePageTitle(t('title'));
  const query = useQuery(sourcesQuery);
  const sources = [...(query.data?.sources ?? [])].sort((a, b) =>
    compareText(language)(a.title[language], b.title[language]),
  );

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <section aria-labelledby="method-heading">
        <h2 id="method-heading">{t('method.heading')}</h2>
        <MethodSection />
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">
          {t('sources.heading')}
          {query.isSuccess && (
            <span className="count"> ({t('sources.count', { count: sources.length })})</span>
          )}
        </h2>
        {query.isPending && <Loading />}
        {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && sources.length === 0 && <p>{t('sources.empty')}</p>}
        {sources.length > 1 && (
          <nav aria-label={t('sources.contents')} className="contents">
            <ul>
              {sources.map((source) => (
                <li key={source.id}>
                  <Link to="/data" hash={`source-${source.id}`}>
                    {source.title[language]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {sources.map((source) => (
          <SourceCard key={source.id} source={source} language={language} />
        ))}
      </section>
    </>
  );
}

/** The short form of a content hash shown in tables; the full hash is in the title and for screen readers. */
const shortHash = (hash: string): string => hash.slice(0, 12);

/** The site name of a link, e.g. `www.scb.se`; the whole address when it is not a URL. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function durationSeconds(run: ImportRunJson): number | undefined {
  if (!run.finishedAt) return undefined;
  return (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
}

function DateTime({ value, language }: { value: string | null; language: Language }) {
  if (!value) return <>{MISSING}</>;
  return <time dateTime={isoDateTime(value)}>{formatDateTime(value, language)}</time>;
}

/** The newest computed round of a source's datasets (rounds are newest first), or undefined. */
function newestRound(rounds: readonly RoundJson[] | undefined, sourceId: string): RoundJson | undefined {
  return rounds?.find((r) => r.dataset.startsWith(`${sourceId}/`));
}

function SourceCard({ source, language }: { source: SourceJson; language: Language }) {
  const { t } = useTranslation('data');
  const { t: ts } = useTranslation('signals');
  // The newest round present says how old the source's data is, and old data how to fetch a current round.
  const rounds = useQuery(signalRoundsQuery);
  const newest = newestRound(rounds.data?.rounds, source.id);
  // Sources without computed rounds (SCB's register years): the newest period loaded, from the labour-market rounds.
  const periods = useQuery(labourMarketRoundsQuery);
  const newestPeriod = newest
    ? undefined
    : periods.data?.sources
        .find((p) => p.sourceId === source.id)
        ?.rounds.reduce<{ label: string; periodEnd: string } | undefined>(
          (best, r) => (!best || r.periodEnd > best.periodEnd ? r : best),
          undefined,
        );
  const headingId = `source-${source.id}`;
  const { lastRun, lastSuccessfulRun } = source;
  const int = (n: number): string => formatInteger(n, language);
  // Publisher, licence and cadence are written by the adapters in Swedish.
  const svText = language === 'sv' ? undefined : 'sv';

  return (
    <article className="source-card" aria-labelledby={headingId} data-source={source.id}>
      <h3 id={headingId}>{source.title[language]}</h3>
      <p>{source.description[language]}</p>
      <dl className="facts">
        <div>
          <dt>{t('facts.id')}</dt>
          <dd>
            <code>{source.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t('facts.publisher')}</dt>
          <dd lang={svText}>{source.publisher}</dd>
        </div>
        <div>
          <dt>{t('facts.licence')}</dt>
          <dd lang={svText}>{source.licence}</dd>
        </div>
        <div>
          <dt>{t('facts.homepage')}</dt>
          <dd>
            <ExternalLink href={source.homepage}>{hostOf(source.homepage)}</ExternalLink>
          </dd>
        </div>
        <div>
          <dt>{t('facts.cadence')}</dt>
          <dd lang={svText}>{source.cadence}</dd>
        </div>
        <div>
          <dt>{t('facts.lastRun')}</dt>
          <dd>
            {lastRun ? (
              <>
                <RunStatus status={lastRun.status} />{' '}
                <DateTime value={lastRun.finishedAt} language={language} />
              </>
            ) : (
              <RunStatus status="never" />
            )}
          </dd>
        </div>
        {lastSuccessfulRun && lastSuccessfulRun.id !== lastRun?.id && (
          <div>
            <dt>{t('facts.dataFrom')}</dt>
            <dd>
              <DateTime value={lastSuccessfulRun.finishedAt} language={language} />
            </dd>
          </div>
        )}
        {newest && (
          <div data-testid="newest-round" data-old={newest.age.isOld}>
            <dt>{t('facts.newest')}</dt>
            <dd>
              {newest.age.isOld && <strong>{t('newest.old')}: </strong>}
              {t('newest.round', {
                label: roundName(ts, newest),
                date: formatDate(newest.age.referenceDate, language),
                age: newest.age.words[language],
              })}
            </dd>
          </div>
        )}
        {lastSuccessfulRun && (
          <div>
            <dt>{t('facts.rows')}</dt>
            <dd>
              {t('lastRun.rows', {
                read: int(lastSuccessfulRun.rowsRead),
                inserted: int(lastSuccessfulRun.rowsInserted),
                updated: int(lastSuccessfulRun.rowsUpdated),
                deleted: int(lastSuccessfulRun.rowsDeleted),
                unchanged: int(lastSuccessfulRun.rowsUnchanged),
              })}
            </dd>
          </div>
        )}
        {lastSuccessfulRun?.contentHash && (
          <div>
            <dt>{t('facts.contentHash')}</dt>
            <dd>
              <code title={lastSuccessfulRun.contentHash}>{shortHash(lastSuccessfulRun.contentHash)}</code>
              <span className="visually-hidden">
                {' '}
                {t('lastRun.fullHash', { hash: lastSuccessfulRun.contentHash })}
              </span>
            </dd>
          </div>
        )}
      </dl>

      {!lastRun && (
        <div className="how-to">
          <p>{t('lastRun.none')}</p>
          <pre>
            <code>{t('lastRun.command', { source: source.id })}</code>
          </pre>
        </div>
      )}
      {newestPeriod && (
        <div className="how-to" data-testid="newest-period">
          <p>
            <strong>{t('newest.period')}:</strong>{' '}
            {t('newest.periodValue', {
              label: newestPeriod.label,
              date: formatDate(newestPeriod.periodEnd, language),
            })}
          </p>
          <p>{t('newest.howToCurrent')}</p>
          <pre>
            <code>{t('newest.command', { source: source.id })}</code>
          </pre>
        </div>
      )}
      {lastRun && newest?.age.isOld && (
        <div className="how-to">
          <p>{t('newest.howTo')}</p>
          <pre>
            <code>{t('newest.command', { source: source.id })}</code>
          </pre>
        </div>
      )}
      {lastRun?.status === 'failed' && lastRun.error && (
        <div className="notice notice-error">
          <p lang="sv">{t('lastRun.failed', { error: lastRun.error })}</p>
        </div>
      )}

      <h4>{t('files.heading')}</h4>
      <ul className="file-list">
        {source.files.map((file) => (
          <li key={file.path}>
            <code>{file.path}</code> (<ExternalLink href={file.url}>{t('files.official')}</ExternalLink>)
          </li>
        ))}
      </ul>

      <h4>{t('runs.heading')}</h4>
      {source.runs.length === 0 ? <p>{t('runs.none')}</p> : <RunsTable source={source} language={language} />}
    </article>
  );
}

function RunsTable({ source, language }: { source: SourceJson; language: Language }) {
  const { t } = useTranslation('data');
  const title = source.title[language];
  const int = (n: number): string => formatInteger(n, language);
  // The error column only appears when a run failed, so the table fits without scrolling on common screens.
  const hasErrors = source.runs.some((run) => run.error);
  return (
    // A focusable, labelled region so keyboard users can scroll the table on narrow screens.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={t('runs.region', { source: title })} tabIndex={0}>
      <table className="data-table">
        <caption>{t('runs.caption', { source: title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('runs.started')}</th>
            <th scope="col">{t('runs.status')}</th>
            <th scope="col">{t('runs.origin')}</th>
            <th scope="col" className="num">
              {t('runs.read')}
            </th>
            <th scope="col" className="num">
              {t('runs.inserted')}
            </th>
            <th scope="col" className="num">
              {t('runs.updated')}
            </th>
            <th scope="col" className="num">
              {t('runs.deleted')}
            </th>
            <th scope="col" className="num">
              {t('runs.unchanged')}
            </th>
            <th scope="col" className="num">
              {t('runs.duration')}
            </th>
            <th scope="col">{t('runs.hash')}</th>
            {hasErrors && <th scope="col">{t('runs.error')}</th>}
          </tr>
        </thead>
        <tbody>
          {source.runs.map((run) => (
            <tr key={run.id}>
              <th scope="row" className="nowrap">
                <DateTime value={run.startedAt} language={language} />
              </th>
              <td>
                <RunStatus status={run.status} />
              </td>
              <td>
                {run.origin === 'online' || run.origin === 'data_dir'
                  ? t(`origin.${run.origin}`)
                  : run.origin}
              </td>
              <td className="num">{int(run.rowsRead)}</td>
              <td className="num">{int(run.rowsInserted)}</td>
              <td className="num">{int(run.rowsUpdated)}</td>
              <td className="num">{int(run.rowsDeleted)}</td>
              <td className="num">{int(run.rowsUnchanged)}</td>
              <td className="num nowrap">{formatSeconds(durationSeconds(run), language)}</td>
              <td>
                {run.contentHash ? (
                  <code title={run.contentHash}>{shortHash(run.contentHash)}</code>
                ) : (
                  MISSING
                )}
              </td>
              {hasErrors && (
                <td lang="sv" className="error-cell">
                  {run.error ?? MISSING}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
