import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { SignalClass } from '../../core/signals/types.js';
import { isApiError } from '../api.js';
import { formatDate, formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { type GeographyJson, type SignalListData, signalsQuery } from '../signals/api.js';
import { CLASS_ORDER } from '../signals/classes.js';
import { roundName } from '../signals/labels.js';
import { type CountsBy, countClasses, countsByField, countsBySeqf } from '../signals/table-data.js';
import { ErrorNotice } from './error-notice.js';
import { GeoPicker } from './geo-picker.js';
import { Loading } from './loading.js';
import { ScrollRegion } from './scroll-region.js';
import { SignalBadge } from './signal-badge.js';
import { GeoProblem, SubstituteNotice, useSignalGeo } from './signal-geo.js';

/**
 * The start page's area choice and summary: how many occupations are in shortage, balance, surplus, paradox or
 * insufficient evidence, by occupational field and SeQF band, with the data round and its date.
 */
export function StartSummary() {
  const { t } = useTranslation('signals');
  const search = useSearch({ strict: false });
  const geoParam = typeof search.geo === 'string' ? search.geo : undefined;
  const navigate = useNavigate();
  const state = useSignalGeo(geoParam);
  const choose = (geo: string): void => void navigate({ to: '/', search: { geo } });
  return (
    <section className="panel" aria-labelledby="choose-heading">
      <h2 id="choose-heading">{t('start.chooseHeading')}</h2>
      <p>{t('start.chooseText')}</p>
      {/* With an area in the address, the summary (taller than a screen) follows: hold its place already. */}
      {state.status === 'loading' && <Loading holdScreen={geoParam !== undefined} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={state.retry} />}
      {state.status === 'missing' && <GeoPicker value={undefined} onSelect={choose} />}
      {(state.status === 'invalid' || state.status === 'unknown') && (
        <GeoProblem state={state} onSelect={choose} />
      )}
      {state.status === 'ok' && (
        <>
          <GeoPicker value={state.geo.id} onSelect={choose} />
          <SubstituteNotice geo={state.geo} effective={state.effective} />
          <Summary geo={state.effective} />
        </>
      )}
    </section>
  );
}

function Summary({ geo }: { geo: GeographyJson }) {
  const { t } = useTranslation('signals');
  const query = useQuery(signalsQuery({ geo: geo.id }));
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.code === 'not_found') {
      return (
        <div className="notice notice-info" role="status">
          <p className="notice-title">{t('notFound.noSignals')}</p>
          <p lang="sv">{query.error.message}</p>
          <p>{t('empty.text')}</p>
          <pre>
            <code>
              {t('empty.importCommand')}
              {'\n'}
              {t('empty.computeCommand')}
            </code>
          </pre>
        </div>
      );
    }
    return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <SummaryTables list={query.data} geo={geo} />;
}

function SummaryTables({ list, geo }: { list: SignalListData; geo: GeographyJson }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const counts = countClasses(list.signals);
  const int = (n: number): string => formatInteger(n, language);
  return (
    <div data-testid="start-summary">
      <h3>{t('start.summaryHeading', { geo: geo.name })}</h3>
      <p>
        {t('start.summaryLead', {
          total: int(list.signals.length),
          round: roundName(t, list.round),
          date: formatDate(list.round.referenceDate, language),
        })}{' '}
        {t('round.method', { version: list.methodVersion })}
      </p>
      <ul className="class-tiles" aria-label={t('start.byClassCaption', { geo: geo.name })}>
        {CLASS_ORDER.map((c) => (
          <li key={c}>
            <Link
              className="class-tile"
              to="/signaler"
              search={{ geo: geo.id, class: c }}
              aria-label={`${int(counts[c])} ${t(`classPlural.${c}`)}. ${t('start.openClass', { class: t(`classPlural.${c}`), geo: geo.name })}`}
              data-class={c}
            >
              <span className="class-tile-count">{int(counts[c])}</span>
              <SignalBadge signalClass={c} />
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/signaler" search={{ geo: geo.id }}>
          {t('start.openOverview', { geo: geo.name })}
        </Link>
      </p>
      <h3>{t('start.byFieldHeading')}</h3>
      <CountsTable
        caption={t('start.byFieldCaption', { geo: geo.name })}
        rows={countsByField(list.signals, language, t('start.noField'))}
        firstColumn={t('column.field')}
        geo={geo}
        link={(row) => (row.key ? { field: row.key } : undefined)}
      />
      <h3>{t('start.bySeqfHeading')}</h3>
      <CountsTable
        caption={t('start.bySeqfCaption', { geo: geo.name })}
        rows={countsBySeqf(list.signals).map((r) => ({ ...r, label: t(`seqf.${r.key as 'unknown'}`) }))}
        firstColumn={t('column.seqf')}
        geo={geo}
        link={(row) => ({ seqf: row.key as 'unknown' })}
      />
    </div>
  );
}

function CountsTable({
  caption,
  rows,
  firstColumn,
  geo,
  link,
}: {
  caption: string;
  rows: CountsBy[];
  firstColumn: string;
  geo: GeographyJson;
  link: (row: CountsBy) => { field?: string; seqf?: '6-8' | '5-6' | '4' | 'none' | 'unknown' } | undefined;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const int = (n: number): string => formatInteger(n, language);
  const totals = countClasses([]);
  for (const row of rows) for (const c of CLASS_ORDER) totals[c] += row.counts[c];
  const cell = (c: SignalClass, n: number) => (
    <td key={c} className="num">
      {int(n)}
    </td>
  );
  return (
    <ScrollRegion label={caption}>
      <table className="data-table counts-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {CLASS_ORDER.map((c) => (
              <th key={c} scope="col" className="num">
                <SignalBadge signalClass={c} />
              </th>
            ))}
            <th scope="col" className="num">
              {t('start.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const target = link(row);
            return (
              <tr key={row.key || 'none'}>
                <th scope="row">
                  {target ? (
                    <Link to="/signaler" search={{ geo: geo.id, ...target }}>
                      {row.label}
                    </Link>
                  ) : (
                    row.label
                  )}
                </th>
                {CLASS_ORDER.map((c) => cell(c, row.counts[c]))}
                <td className="num">{int(row.total)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('start.total')}</th>
            {CLASS_ORDER.map((c) => cell(c, totals[c]))}
            <td className="num">{int(rows.reduce((sum, r) => sum + r.total, 0))}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
