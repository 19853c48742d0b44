import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { SortingState, Updater } from '@tanstack/react-table';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignalClass } from '../../core/signals/types.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { GeoPicker, useGeographies } from '../components/geo-picker.js';
import { Loading } from '../components/loading.js';
import { MethodSelect } from '../components/method-select.js';
import { namedOccupationCodes, occupationSearchQuery } from '../components/occupation-picker-helpers.js';
import { usePageTitle } from '../components/page-title.js';
import { useProgressiveCount } from '../components/progressive-count.js';
import { RoundSelect } from '../components/round-select.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { GeoProblem, roundForGeoType, SubstituteNotice, useSignalGeo } from '../components/signal-geo.js';
import { SIGNAL_COLUMNS, SignalTable, sortRows } from '../components/signal-table.js';
import { formatDate, formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  type GeographyJson,
  type SignalListData,
  type SignalRow,
  signalRoundsQuery,
  signalsQuery,
} from '../signals/api.js';
import { CLASS_ORDER, isSignalClass, SEQF_ORDER } from '../signals/classes.js';
import { buildCsv, exportFileName } from '../signals/csv.js';
import { downloadFile } from '../signals/download.js';
import { type ExportTexts, exportColumns } from '../signals/export-columns.js';
import { roundName } from '../signals/labels.js';
import { type HorizonTexts, horizonTexts, RoundAge, roundAgeLines } from '../signals/round-age.js';
import { formatSort, parseSort, type SignalsSearch } from '../signals/search.js';
import { countClasses, fieldOptions, filterSignals, groupBySeqfAndField } from '../signals/table-data.js';

const route = getRouteApi('/signaler');

/** Rows the table shows before "show all". */
const ROW_LIMIT = 100;
/** Rows in the table's first render (several screens on a phone, where each row is a card). */
const FIRST_PASS_ROWS = 25;
/** Rows added in each later render, one task each, until all shown rows are there (useProgressiveCount). */
const LATER_PASS_ROWS = 15;

/** `/signaler?geo=county:21`: the signal overview (the "semafor") for one area and round. */
export function SignalsPage() {
  const { t } = useTranslation('signals');
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/signaler' });
  const state = useSignalGeo(search.geo);
  // The heading names what the page shows: for a municipality, the FA region or county whose signals these are.
  const geoName = state.status === 'ok' ? state.effective.name : undefined;
  usePageTitle(geoName ? t('overview.heading', { geo: geoName }) : t('overview.title'));
  const rounds = useQuery(signalRoundsQuery);
  const { byId } = useGeographies();

  // Another area keeps the round, filters, sort and view the user chose (the round only when it covers the area).
  const chooseGeo = (geo: string): void => {
    const round = roundForGeoType(rounds.data?.rounds ?? [], search.round, byId.get(geo)?.type);
    void navigate({ search: (prev) => ({ ...prev, geo, round }) });
  };

  return (
    <>
      <h1>{geoName ? t('overview.heading', { geo: geoName }) : t('overview.headingNoGeo')}</h1>
      <p className="lead">{t('overview.lead')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={state.retry} />}
      {(state.status === 'missing' || state.status === 'invalid' || state.status === 'unknown') && (
        <GeoProblem state={state} onSelect={chooseGeo} />
      )}
      {state.status === 'ok' && (
        <>
          <div className="controls">
            <GeoPicker value={state.geo.id} onSelect={chooseGeo} />
            <RoundSelect
              geoType={state.effective.type}
              value={search.round}
              onChange={(round) => void navigate({ search: (prev) => ({ ...prev, round }), replace: true })}
            />
            <MethodSelect
              value={search.method}
              onChange={(method) => void navigate({ search: (prev) => ({ ...prev, method }), replace: true })}
            />
          </div>
          <SubstituteNotice geo={state.geo} effective={state.effective} />
          <Overview geo={state.effective} search={search} />
        </>
      )}
    </>
  );
}

function Overview({ geo, search }: { geo: GeographyJson; search: SignalsSearch & { geo?: string } }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const query = useQuery(signalsQuery({ geo: geo.id, round: search.round, method: search.method }));
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.code === 'not_found')
      return <NoSignals geo={geo} message={query.error.message} />;
    return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.data.signals.length === 0) return <NoSignals geo={geo} />;
  return (
    <div aria-busy={query.isFetching} data-testid="signal-overview" data-round={query.data.round.roundId}>
      <p className="round-line">
        {t('round.current', {
          label: roundName(t, query.data.round),
          date: formatDate(query.data.round.referenceDate, language),
        })}{' '}
        {t('round.method', { version: query.data.methodVersion })}
        {query.data.roundChoice === 'widest_coverage' && (
          <> {t('round.defaultWidest', { count: query.data.round.coverage[geo.type] ?? 0 })}</>
        )}
      </p>
      {/* v2 only (null for v1): the 12 months of employer needs the list counted. */}
      {query.data.needs && (
        <p className="round-line" data-testid="needs-window">
          {t('methodSelect.needsWindow', {
            since: formatDate(query.data.needs.since, language),
            until: formatDate(query.data.needs.until, language),
          })}
        </p>
      )}
      <RoundAge round={query.data.round} />
      <FilteredView list={query.data} geo={geo} search={search} />
    </div>
  );
}

/** No signals for the area: a known reason (no round covers it) or nothing computed yet, with what to run. */
export function NoSignals({ geo, message }: { geo: GeographyJson; message?: string }) {
  const { t } = useTranslation('signals');
  return (
    <div className="notice notice-info" role="status">
      <p className="notice-title">{t('notFound.noSignals')}</p>
      <p>{t('notFound.noSignalsText', { geo: geo.name })}</p>
      {message && <p lang="sv">{message}</p>}
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

function useExportTexts(round: SignalListData['round']): ExportTexts {
  const { t } = useTranslation('signals');
  const headers = horizonTexts(t, round);
  return {
    column: (key) =>
      key === 'class' ? headers.classColumn : key === 'outlook' ? headers.outlookColumn : t(`column.${key}`),
    className: (c) => t(`class.${c}`),
    watch: t('class.watch'),
    seqf: (key) => t(`seqf.${key}`),
    outlook: (o) => (o ? t(`outlook.${o as 'oka'}`) : t('outlook.none')),
  };
}

function FilteredView({
  list,
  geo,
  search,
}: {
  list: SignalListData;
  geo: GeographyJson;
  search: SignalsSearch & { geo?: string };
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const navigate = useNavigate({ from: '/signaler' });
  const ids = useId();
  const rows = list.signals;
  const sorting = parseSort(search.sort, SIGNAL_COLUMNS);
  const signalClass = isSignalClass(search.class) ? search.class : undefined;
  // Occupation names and synonyms (JobTech) the server matches for the text, beside the labels matched here.
  const named = useQuery(occupationSearchQuery(search.q ?? '', 50));
  const textCodes = useMemo(() => namedOccupationCodes(named.data?.results), [named.data]);
  const filtered = useMemo(
    () =>
      filterSignals(rows, { field: search.field, seqf: search.seqf, signalClass, text: search.q, textCodes }),
    [rows, search.field, search.seqf, signalClass, search.q, textCodes],
  );
  const counts = countClasses(filtered);
  const sorted = useMemo(() => sortRows(filtered, sorting, language), [filtered, sorting, language]);
  const [showAll, setShowAll] = useState(false);
  // Long tables show their first rows at once (fast to draw and to read with a screen reader); the rest on request.
  const shown = showAll ? sorted : sorted.slice(0, ROW_LIMIT);
  // Of those, the first screenfuls in the first render and the others in small steps, one task each.
  const visible = shown.slice(0, useProgressiveCount(shown.length, FIRST_PASS_ROWS, LATER_PASS_ROWS));
  const fields = fieldOptions(rows, language);
  const view = search.view ?? 'table';
  const setSearch = (patch: Partial<SignalsSearch>): void => {
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  };
  const onSortingChange = (updater: Updater<SortingState>): void => {
    const next = typeof updater === 'function' ? updater(sorting) : updater;
    setSearch({ sort: formatSort(next) });
  };

  // Free text updates the URL shortly after typing stops.
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    if ((search.q ?? '') === text.trim()) return;
    const timer = setTimeout(() => setSearch({ q: text.trim() || undefined }), 250);
    return () => clearTimeout(timer);
  });

  const countsText = CLASS_ORDER.filter((c) => counts[c] > 0)
    .map((c) => `${formatInteger(counts[c], language)} ${t(`classPlural.${c}`)}`)
    .join(', ');
  const caption = t('overview.caption', { geo: geo.name, round: roundName(t, list.round) });
  const hasFilter = Boolean(search.field || search.seqf || search.class || search.q);

  return (
    <>
      <form
        className="controls"
        aria-label={t('overview.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <fieldset>
          <legend>{t('overview.filters')}</legend>
          <div className="control">
            <label htmlFor={`${ids}-field`}>{t('overview.field')}</label>
            <select
              id={`${ids}-field`}
              value={search.field ?? ''}
              onChange={(event) => setSearch({ field: event.target.value || undefined })}
            >
              <option value="">{t('overview.allFields')}</option>
              {fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({f.count})
                </option>
              ))}
            </select>
          </div>
          <div className="control">
            <label htmlFor={`${ids}-seqf`}>{t('overview.seqfFilter')}</label>
            <select
              id={`${ids}-seqf`}
              value={search.seqf ?? ''}
              onChange={(event) =>
                setSearch({ seqf: (event.target.value || undefined) as SignalsSearch['seqf'] })
              }
            >
              <option value="">{t('overview.allSeqf')}</option>
              {[...SEQF_ORDER, 'unknown' as const].map((band) => (
                <option key={band} value={band}>
                  {t(`seqf.${band}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="control">
            <label htmlFor={`${ids}-class`}>{t('overview.classFilter')}</label>
            <select
              id={`${ids}-class`}
              value={search.class ?? ''}
              onChange={(event) => setSearch({ class: event.target.value || undefined })}
            >
              <option value="">{t('overview.allClasses')}</option>
              {CLASS_ORDER.map((c) => (
                <option key={c} value={c}>
                  {t(`class.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="control">
            <label htmlFor={`${ids}-q`}>{t('overview.text')}</label>
            <input
              id={`${ids}-q`}
              type="search"
              value={text}
              aria-describedby={`${ids}-q-help`}
              onChange={(event) => setText(event.target.value)}
            />
            <p id={`${ids}-q-help`} className="control-help">
              {t('overview.textHelp')}
            </p>
          </div>
          {hasFilter && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setText('');
                setSearch({ field: undefined, seqf: undefined, class: undefined, q: undefined });
              }}
            >
              {t('overview.clear')}
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('overview.view')}</legend>
          <div className="radio-row">
            {(['table', 'grouped'] as const).map((v) => (
              <label key={v}>
                <input
                  type="radio"
                  name={`${ids}-view`}
                  value={v}
                  checked={view === v}
                  onChange={() => setSearch({ view: v === 'table' ? undefined : v })}
                />
                {v === 'table' ? t('overview.viewTable') : t('overview.viewGrouped')}
              </label>
            ))}
          </div>
        </fieldset>
      </form>

      <p className="count-line" role="status">
        {t('overview.count', {
          shown: formatInteger(filtered.length, language),
          total: formatInteger(rows.length, language),
        })}{' '}
        {countsText && t('overview.countByClass', { counts: countsText })}
      </p>

      <ExportButtons rows={sorted} list={list} geo={geo} search={search} />

      {filtered.length === 0 ? (
        <p className="notice notice-info">{t('empty.noRows')}</p>
      ) : view === 'table' ? (
        <ScrollRegion label={t('overview.regionLabel')}>
          <SignalTable
            rows={visible}
            caption={caption}
            sorting={sorting}
            onSortingChange={onSortingChange}
            geo={geo.id}
            round={search.round}
            method={search.method}
            language={language}
            headers={horizonTexts(t, list.round)}
          />
        </ScrollRegion>
      ) : null}
      {view === 'table' && shown.length < sorted.length && (
        <p className="button-row">
          {t('overview.limited', {
            limit: formatInteger(shown.length, language),
            count: formatInteger(sorted.length, language),
          })}{' '}
          <button type="button" className="button" onClick={() => setShowAll(true)}>
            {t('overview.showAll', {
              count: sorted.length,
              formatted: formatInteger(sorted.length, language),
            })}
          </button>
        </p>
      )}
      {filtered.length > 0 && view === 'grouped' && (
        <GroupedView
          rows={filtered}
          geo={geo}
          search={search}
          sorting={sorting}
          onSortingChange={onSortingChange}
          headers={horizonTexts(t, list.round)}
        />
      )}
    </>
  );
}

function GroupedView({
  rows,
  geo,
  search,
  sorting,
  onSortingChange,
  headers,
}: {
  rows: SignalRow[];
  geo: GeographyJson;
  search: SignalsSearch;
  sorting: SortingState;
  onSortingChange: (updater: Updater<SortingState>) => void;
  headers: HorizonTexts;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const groups = groupBySeqfAndField(rows, language);
  return (
    <div className="grouped-view">
      {groups.map((band) => (
        <section key={band.seqf} aria-labelledby={`band-${band.seqf}`}>
          <h2 id={`band-${band.seqf}`} className="group-heading">
            {t(`seqf.${band.seqf}`)} <span className="count">({formatInteger(band.count, language)})</span>
          </h2>
          {band.fields.map((group) => {
            const fieldName = group.fieldName ?? t('start.noField');
            return (
              <section key={group.fieldId} aria-labelledby={`band-${band.seqf}-${group.fieldId || 'none'}`}>
                <h3 id={`band-${band.seqf}-${group.fieldId || 'none'}`}>{fieldName}</h3>
                <ScrollRegion label={fieldName}>
                  <SignalTable
                    rows={group.rows}
                    caption={t('overview.groupCaption', { field: fieldName, seqf: t(`seqf.${band.seqf}`) })}
                    sorting={sorting}
                    onSortingChange={onSortingChange}
                    hidden={['field', 'seqf']}
                    geo={geo.id}
                    round={search.round}
                    method={search.method}
                    language={language}
                    headers={headers}
                  />
                </ScrollRegion>
              </section>
            );
          })}
        </section>
      ))}
    </div>
  );
}

function ExportButtons({
  rows,
  list,
  geo,
  search,
}: {
  rows: SignalRow[];
  list: SignalListData;
  geo: GeographyJson;
  search: SignalsSearch;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const texts = useExportTexts(list.round);
  const [status, setStatus] = useState<{ kind: 'busy' | 'done' | 'error'; text: string } | undefined>();

  const preamble = (): string[] => {
    const filters = [
      search.field ? `${t('overview.field')}: ${rows[0]?.field?.[language] ?? search.field}` : undefined,
      search.seqf ? `${t('overview.seqfFilter')}: ${t(`seqf.${search.seqf}`)}` : undefined,
      isSignalClass(search.class)
        ? `${t('overview.classFilter')}: ${t(`class.${search.class as SignalClass}`)}`
        : undefined,
      search.q ? `${t('overview.text')}: ${search.q}` : undefined,
    ].filter((f): f is string => Boolean(f));
    return [
      t('export.title', { geo: geo.name }),
      t('export.source', {
        method: list.methodVersion,
        round: roundName(t, list.round),
        date: formatDate(list.round.referenceDate, language),
      }),
      ...roundAgeLines(t, list.round, language),
      t('export.filters', { filters: filters.length > 0 ? filters.join('; ') : t('export.noFilters') }),
    ];
  };
  const name = (extension: 'csv' | 'xlsx'): string =>
    exportFileName(
      ['semafor', t('overview.title'), geo.shortName || geo.name, list.round.roundId],
      extension,
    );

  const exportCsv = (): void => {
    const csv = buildCsv(
      rows,
      exportColumns(texts, language, { geoName: geo.name, roundId: list.round.roundId }),
      {
        decimal: language === 'sv' ? ',' : '.',
        preamble: preamble(),
      },
    );
    const file = name('csv');
    downloadFile(csv, file, 'text/csv;charset=utf-8');
    setStatus({ kind: 'done', text: t('overview.exported', { file }) });
  };

  const exportXlsx = async (): Promise<void> => {
    setStatus({ kind: 'busy', text: t('overview.exporting') });
    try {
      const { buildXlsx } = await import('../signals/xlsx.js');
      const bytes = await buildXlsx(
        rows,
        exportColumns(texts, language, { geoName: geo.name, roundId: list.round.roundId }),
        {
          sheetName: t('export.sheet'),
          preamble: preamble(),
        },
      );
      const file = name('xlsx');
      downloadFile(bytes, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      setStatus({ kind: 'done', text: t('overview.exported', { file }) });
    } catch (error) {
      setStatus({
        kind: 'error',
        text: t('overview.exportFailed', { message: error instanceof Error ? error.message : String(error) }),
      });
    }
  };

  return (
    <div className="button-row no-print">
      <span className="control-label">{t('overview.export')}:</span>
      <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
        {t('overview.exportCsv')}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void exportXlsx()}
        disabled={rows.length === 0 || status?.kind === 'busy'}
      >
        {t('overview.exportXlsx')}
      </button>
      <Link to="/print/signaler" search={{ ...search, geo: geo.id }} className="button button-secondary">
        {t('overview.print')}
      </Link>
      <span role="status" className={status?.kind === 'error' ? 'error-text' : undefined}>
        {status?.text}
      </span>
    </div>
  );
}
