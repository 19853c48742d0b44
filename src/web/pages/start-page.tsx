import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import { meQuery, regionsWith } from '../account/api.js';
import { type HealthJson, healthQuery, type SourceJson, sourcesQuery } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { StartSummary } from '../components/start-summary.js';
import { formatDate, formatDateTime, isoDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { type RoundJson, signalRoundsQuery } from '../signals/api.js';
import { roundName } from '../signals/labels.js';

/** `/`: what Semafor is, and whether data is loaded (and how to load it when not). */
export function StartPage() {
  const { t } = useTranslation('start');
  usePageTitle(t('title'));
  return (
    <>
      <h1>{t('heading')}</h1>
      <p className="lead">{t('lead')}</p>
      <p>{t('audience')}</p>
      <OldDataHint />
      <StartSummary />
      <DataStatusPanel />
      <section aria-labelledby="principles-heading">
        <h2 id="principles-heading">{t('principles.heading')}</h2>
        <ul className="principles">
          <li>{t('principles.open')}</li>
          <li>{t('principles.explainable')}</li>
          <li>{t('principles.local')}</li>
        </ul>
      </section>
    </>
  );
}

function DataStatusPanel() {
  const { t } = useTranslation('start');
  const language = useLanguage();
  const health = useQuery(healthQuery);
  const sources = useQuery(sourcesQuery);

  let body: React.ReactNode;
  if (health.isPending) body = <Loading />;
  else if (health.isError) body = <ErrorNotice error={health.error} onRetry={() => void health.refetch()} />;
  else {
    const { state, message } = health.data.data;
    const list = sources.data?.sources ?? [];
    const imported = list.filter((s) => s.lastSuccessfulRun !== null);
    const latest = latestImport(imported);
    const needsData =
      state === 'no_data' || state === 'failed' || (sources.isSuccess && imported.length === 0);
    body = (
      <>
        <p className={`status-line status-${state}`} data-state={state}>
          <span className="status-icon" aria-hidden="true">
            {STATE_ICONS[state]}
          </span>
          {t(`status.${state}`)}
        </p>
        {message && (
          <p>
            {t('status.serverMessage')} <span lang="sv">{message}</span>
          </p>
        )}
        <p>{t('status.database', { database: databaseLabel(health.data, t) })}</p>
        {sources.isPending && <Loading />}
        {sources.isError && <ErrorNotice error={sources.error} onRetry={() => void sources.refetch()} />}
        {sources.isSuccess && (
          <p>
            {t('status.sources', { count: list.length, imported: imported.length })}{' '}
            {latest && (
              <Trans
                t={t}
                i18nKey="status.latestImport"
                values={{ time: formatDateTime(latest, language) }}
                components={{ time: <time dateTime={isoDateTime(latest)} /> }}
              />
            )}
          </p>
        )}
        {needsData && <HowToLoad failed={state === 'failed'} />}
        <p>
          <Link to="/data">{t('status.details')}</Link>
        </p>
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('status.heading')}</h2>
      {body}
    </section>
  );
}

const STATE_ICONS = { ready: '✓', loading: '…', no_data: '!', failed: '✕' } as const;

function databaseLabel(
  health: HealthJson,
  t: (key: 'status.databasePglite' | 'status.databasePostgres') => string,
) {
  return health.database === 'pglite' ? t('status.databasePglite') : t('status.databasePostgres');
}

/** The newest finish time of the sources' last successful imports. */
function latestImport(sources: SourceJson[]): string | undefined {
  let latest: string | undefined;
  for (const s of sources) {
    const at = s.lastSuccessfulRun?.finishedAt ?? s.lastSuccessfulRun?.startedAt;
    if (at && (!latest || Date.parse(at) > Date.parse(latest))) latest = at;
  }
  return latest;
}

function HowToLoad({ failed }: { failed: boolean }) {
  const { t } = useTranslation('start');
  return (
    <div className="how-to">
      <h3>{t('howToLoad.heading')}</h3>
      {failed ? (
        <>
          <p>{t('howToLoad.retryFailed')}</p>
          <pre>
            <code>{t('howToLoad.importCommand')}</code>
          </pre>
        </>
      ) : (
        <>
          <p>{t('howToLoad.dataDir')}</p>
          <pre>
            <code>{t('howToLoad.dataDirCommand')}</code>
          </pre>
          <p>{t('howToLoad.defaultDir')}</p>
          <p>{t('howToLoad.online')}</p>
          <pre>
            <code>{t('howToLoad.onlineCommand')}</code>
          </pre>
        </>
      )}
    </div>
  );
}

/**
 * The round county signals show by default (the widest coverage; the newest round with any county signal when none
 * is marked), or undefined: the round whose age matters for what users see.
 */
export function countyRound(rounds: readonly RoundJson[]): RoundJson | undefined {
  return (
    rounds.find((r) => r.defaultFor.includes('county')) ??
    rounds
      .filter((r) => (r.coverage.county ?? 0) > 0)
      .reduce<RoundJson | undefined>(
        (newest, r) => (!newest || r.referenceDate > newest.referenceDate ? r : newest),
        undefined,
      )
  );
}

/**
 * For an administrator: when the round county signals show by default is old, say so and how to fetch current
 * rounds (the same hint as on /data). Others see the age on every list and occupation page.
 */
function OldDataHint() {
  const { t } = useTranslation('start');
  const { t: ts } = useTranslation('signals');
  const language = useLanguage();
  const me = useQuery(meQuery);
  const isAdmin = me.data ? regionsWith(me.data, ['admin']).length > 0 : false;
  const rounds = useQuery({ ...signalRoundsQuery, enabled: isAdmin });
  const newest = countyRound(rounds.data?.rounds ?? []);
  if (!isAdmin || !newest?.age.isOld) return null;
  return (
    <section className="notice notice-info" aria-labelledby="old-data-heading" data-testid="old-data-hint">
      <h2 id="old-data-heading" className="notice-title">
        {t('oldData.heading')}
      </h2>
      <p>
        {t('oldData.text', {
          round: roundName(ts, newest),
          date: formatDate(newest.age.referenceDate, language),
          age: newest.age.words[language],
        })}
      </p>
      <pre>
        <code>{t('oldData.command')}</code>
      </pre>
      <p>
        <Link to="/data">{t('oldData.more')}</Link>
      </p>
    </section>
  );
}
