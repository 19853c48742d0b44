import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { namedOccupationCodes, occupationSearchQuery } from '../components/occupation-picker-helpers.js';
import { usePageTitle } from '../components/page-title.js';
import { GeoProblem, useSignalGeo } from '../components/signal-geo.js';
import { SIGNAL_COLUMNS, SignalTable, sortRows } from '../components/signal-table.js';
import { formatDate, formatDateTime, formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { signalsQuery } from '../signals/api.js';
import { CLASS_ORDER, isSignalClass } from '../signals/classes.js';
import { roundName } from '../signals/labels.js';
import { horizonTexts, RoundAge } from '../signals/round-age.js';
import { parseSort } from '../signals/search.js';
import { countClasses, filterSignals, groupBySeqfAndField } from '../signals/table-data.js';
import { OccupationView } from './occupation-page.js';
import { NoSignals } from './signals-page.js';

const signalsRoute = getRouteApi('/print/signaler');
const occupationRoute = getRouteApi('/print/yrken/$ssyk');

/** Toolbar (screen only), the page, and a footer naming source, method and time of printing. */
function PrintFrame({ back, method, children }: { back: ReactNode; method?: string; children: ReactNode }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  return (
    <div className="print-page">
      <div className="print-toolbar">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print.printNow')}
        </button>
        {back}
      </div>
      <p className="footer-small">{t('print.page')}</p>
      {children}
      <p className="print-footer">
        {t('print.generated', { date: formatDateTime(new Date(), language), method: method ?? 'v1' })}
      </p>
    </div>
  );
}

/** `/print/signaler?geo=…`: the overview as an A4 document, grouped by SeQF band and field like the regions' lists. */
export function PrintSignalsPage() {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const router = useRouter();
  const search = signalsRoute.useSearch();
  const state = useSignalGeo(search.geo);
  const effective = state.status === 'ok' ? state.effective : undefined;
  const list = useQuery({
    ...signalsQuery({ geo: effective?.id ?? '', round: search.round, method: search.method }),
    enabled: Boolean(effective),
  });
  // The same occupation-name and synonym matches as the overview's filter (signals-page.tsx).
  const named = useQuery(occupationSearchQuery(search.q ?? '', 50));
  const title = effective ? t('overview.heading', { geo: effective.name }) : t('overview.headingNoGeo');
  usePageTitle(t('print.title', { title }));
  const back = (
    <Link to="/signaler" search={search} className="button button-secondary">
      {t('print.back')}
    </Link>
  );

  let body: ReactNode;
  if (state.status === 'loading' || (effective && list.isPending) || named.isLoading) body = <Loading />;
  else if (state.status === 'error') body = <ErrorNotice error={state.error} onRetry={state.retry} />;
  else if (state.status !== 'ok') {
    body = (
      <GeoProblem
        state={state}
        onSelect={(geo) => void router.navigate({ to: '/print/signaler', search: { ...search, geo } })}
      />
    );
  } else if (list.isError) body = <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data && list.data.signals.length === 0) body = <NoSignals geo={state.effective} />;
  else if (list.data) {
    const data = list.data;
    const rows = sortRows(
      filterSignals(data.signals, {
        field: search.field,
        seqf: search.seqf,
        signalClass: isSignalClass(search.class) ? search.class : undefined,
        text: search.q,
        textCodes: namedOccupationCodes(named.data?.results),
      }),
      parseSort(search.sort, SIGNAL_COLUMNS),
      language,
    );
    const counts = countClasses(rows);
    body = (
      <>
        <p>
          {t('round.current', {
            label: roundName(t, data.round),
            date: formatDate(data.round.referenceDate, language),
          })}{' '}
          {t('round.method', { version: data.methodVersion })}
        </p>
        <RoundAge round={data.round} />
        <p>
          {t('overview.count', {
            shown: formatInteger(rows.length, language),
            total: formatInteger(data.signals.length, language),
          })}{' '}
          {t('overview.countByClass', {
            counts: CLASS_ORDER.map(
              (c) => `${formatInteger(counts[c], language)} ${t(`classPlural.${c}`)}`,
            ).join(', '),
          })}
        </p>
        {search.view === 'table' ? (
          <SignalTable
            rows={rows}
            caption={t('overview.caption', { geo: state.effective.name, round: roundName(t, data.round) })}
            sorting={[]}
            geo={state.effective.id}
            language={language}
            plain
            headers={horizonTexts(t, data.round)}
          />
        ) : (
          groupBySeqfAndField(rows, language).map((band) => (
            <section key={band.seqf}>
              <h2>{t(`seqf.${band.seqf}`)}</h2>
              {band.fields.map((group) => {
                const fieldName = group.fieldName ?? t('start.noField');
                return (
                  <SignalTable
                    key={group.fieldId}
                    rows={group.rows}
                    caption={t('overview.groupCaption', { field: fieldName, seqf: t(`seqf.${band.seqf}`) })}
                    sorting={[]}
                    hidden={['field', 'seqf']}
                    geo={state.effective.id}
                    language={language}
                    plain
                    headers={horizonTexts(t, data.round)}
                  />
                );
              })}
            </section>
          ))
        )}
      </>
    );
  }
  return (
    <PrintFrame back={back} method={list.data?.methodVersion}>
      <h1>{title}</h1>
      {body}
    </PrintFrame>
  );
}

/** `/print/yrken/{ssyk}?geo=…`: the occupation page without navigation or controls. */
export function PrintOccupationPage() {
  const { t } = useTranslation('signals');
  const { ssyk } = occupationRoute.useParams();
  const search = occupationRoute.useSearch();
  return (
    <PrintFrame
      back={
        <Link to="/yrken/$ssyk" params={{ ssyk }} search={search} className="button button-secondary">
          {t('print.back')}
        </Link>
      }
    >
      <OccupationView ssyk={ssyk} search={search} print />
    </PrintFrame>
  );
}
