import { useQueries, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate, useRouter } from '@tanstack/react-router';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Combobox, type ComboboxOption } from '../components/combobox.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useGeographies } from '../components/geo-picker.js';
import { Loading } from '../components/loading.js';
import { occupationSearchQuery, pickerQueryText } from '../components/occupation-picker-helpers.js';
import { usePageTitle } from '../components/page-title.js';
import { RoundSelect } from '../components/round-select.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { SignalBadge } from '../components/signal-badge.js';
import { type MapDatum, SignalMapPanel } from '../components/signal-map-panel.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  classOverviewQuery,
  type MapType,
  type OccupationSummaryJson,
  occupationFieldsQuery,
  occupationsQuery,
  signalMapQuery,
  signalRoundsQuery,
} from '../signals/api.js';
import { CLASS_ORDER, isSignalClass } from '../signals/classes.js';
import { roundName } from '../signals/labels.js';
import { countPerRegion, dominantClass } from '../signals/legend.js';
import { RoundAge } from '../signals/round-age.js';
import type { MapSearch } from '../signals/search.js';
import { foldText } from '../signals/table-data.js';

const route = getRouteApi('/karta');

const labelOf = (o: OccupationSummaryJson, language: 'sv' | 'en'): string =>
  language === 'en' ? (o.labelEn ?? o.labelSv) : o.labelSv;

/** `/karta`: an occupation or a whole field across Sweden; a region opens the occupation (or the overview) there. */
export function MapPage() {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/karta' });
  const ids = useId();
  usePageTitle(t('map.title'));
  const occupations = useQuery(occupationsQuery);
  const fields = useQuery(occupationFieldsQuery);
  const type: MapType = search.type ?? 'county';
  const mode = search.field && !search.ssyk ? 'field' : 'occupation';
  const set = (patch: Partial<MapSearch>): void => {
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  };
  const occupation = occupations.data?.results.find((o) => o.ssyk === search.ssyk);

  // What is typed also goes to the server's occupation search, which knows JobTech occupation names and synonyms
  // ("busschaufför", "chaffis"); its answers follow the label matches made here.
  const [occupationText, setOccupationText] = useState('');
  const named = useQuery(occupationSearchQuery(occupationText, 20));

  const searchOccupations = useCallback(
    (text: string): ComboboxOption[] => {
      const q = foldText(text);
      const all = occupations.data?.results ?? [];
      const hits = q
        ? all.filter((o) =>
            /^\d+$/.test(q) ? o.ssyk.startsWith(q) : foldText(`${o.labelSv} ${o.labelEn ?? ''}`).includes(q),
          )
        : all;
      const options = hits
        .slice(0, 40)
        .map((o) => ({ id: o.ssyk, label: labelOf(o, language), meta: `SSYK ${o.ssyk}` }));
      // Only an answer for exactly this text (not one kept from an earlier keystroke).
      if (q === '' || named.data?.query !== pickerQueryText(text)) return options;
      const shown = new Set(options.map((o) => o.id));
      const byCode = new Map(all.map((o) => [o.ssyk, o]));
      for (const hit of named.data.results) {
        const occupation = byCode.get(hit.ssyk);
        if (shown.has(hit.ssyk) || !occupation || options.length >= 40) continue;
        shown.add(hit.ssyk);
        options.push({
          id: hit.ssyk,
          label: labelOf(occupation, language),
          meta: hit.via === 'code' ? `SSYK ${hit.ssyk}` : `SSYK ${hit.ssyk} · ${hit.matchedName}`,
        });
      }
      return options;
    },
    [occupations.data, named.data, language],
  );

  return (
    <>
      <h1>{t('map.title')}</h1>
      <p className="lead">{t('map.lead')}</p>
      {(occupations.isError || fields.isError) && (
        <ErrorNotice
          error={occupations.error ?? fields.error}
          onRetry={() => {
            void occupations.refetch();
            void fields.refetch();
          }}
        />
      )}
      <form className="controls" onSubmit={(event) => event.preventDefault()} aria-label={t('map.title')}>
        <fieldset>
          <legend>{t('map.mode')}</legend>
          <div className="radio-row">
            <label>
              <input
                type="radio"
                name={`${ids}-mode`}
                checked={mode === 'occupation'}
                onChange={() => set({ field: undefined })}
              />
              {t('map.modeOccupation')}
            </label>
            <label>
              <input
                type="radio"
                name={`${ids}-mode`}
                checked={mode === 'field'}
                onChange={() =>
                  set({
                    ssyk: undefined,
                    field: search.field ?? occupation?.field?.id ?? fields.data?.fields[0]?.id,
                  })
                }
              />
              {t('map.modeField')}
            </label>
          </div>
        </fieldset>
        {mode === 'occupation' ? (
          <Combobox
            name="occupation"
            label={t('map.occupation')}
            help={t('map.occupationHelp')}
            placeholder={t('map.occupationPlaceholder')}
            search={searchOccupations}
            onQueryChange={setOccupationText}
            selectedLabel={occupation ? labelOf(occupation, language) : undefined}
            onSelect={(option) => set({ ssyk: option.id, field: undefined })}
            noMatchText={(text) => t('geo.noMatch', { query: text })}
            resultsText={(count) => t('geo.results', { count })}
            disabled={!occupations.isSuccess}
          />
        ) : (
          <div className="control">
            <label htmlFor={`${ids}-field`}>{t('map.field')}</label>
            <select
              id={`${ids}-field`}
              value={search.field ?? ''}
              onChange={(event) => set({ field: event.target.value || undefined })}
            >
              <option value="">{t('map.chooseField')}</option>
              {[...(fields.data?.fields ?? [])]
                .sort((a, b) =>
                  (language === 'en' ? a.nameEn : a.nameSv).localeCompare(
                    language === 'en' ? b.nameEn : b.nameSv,
                    language,
                  ),
                )
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {language === 'en' ? f.nameEn : f.nameSv}
                  </option>
                ))}
            </select>
          </div>
        )}
        <fieldset>
          <legend>{t('map.type')}</legend>
          <div className="radio-row">
            {(['county', 'fa', 'municipality'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${ids}-type`}
                  checked={type === value}
                  onChange={() => set({ type: value })}
                />
                {t(`map.types.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <RoundSelect
          geoType={type === 'municipality' ? 'county' : type}
          value={search.round}
          onChange={(round) => set({ round })}
        />
      </form>
      {mode === 'occupation' && search.ssyk && (
        <OccupationMap
          ssyk={search.ssyk}
          name={occupation ? labelOf(occupation, language) : search.ssyk}
          type={type}
          round={search.round}
          onRound={(round) => set({ round })}
        />
      )}
      {mode === 'field' && search.field && (
        <FieldMap
          fieldId={search.field}
          name={(() => {
            const f = fields.data?.fields.find((x) => x.id === search.field);
            return f ? (language === 'en' ? f.nameEn : f.nameSv) : search.field;
          })()}
          occupations={(occupations.data?.results ?? []).filter((o) => o.field?.id === search.field)}
          type={type}
          round={search.round}
          loading={occupations.isPending}
        />
      )}
      {!search.ssyk && !search.field && (
        <>
          <p className="notice notice-info">{t('map.chooseSubject')}</p>
          <Overview type={type === 'fa' ? 'fa' : 'county'} round={search.round} />
        </>
      )}
    </>
  );
}

function OccupationMap({
  ssyk,
  name,
  type,
  round,
  onRound,
}: {
  ssyk: string;
  name: string;
  type: MapType;
  round?: string;
  onRound: (round: string) => void;
}) {
  const { t } = useTranslation('signals');
  const navigate = useNavigate();
  const router = useRouter();
  const map = useQuery(signalMapQuery({ ssyk, type, round }));
  // When the round has no class for the occupation anywhere (an all-grey map), look in the other rounds that
  // cover the level, so the page can say which one has it and offer it.
  const rounds = useQuery(signalRoundsQuery);
  const level = type === 'municipality' ? 'county' : type;
  const allGrey =
    map.isSuccess &&
    map.data.entries.every(
      (e) => e.signalClass === 'otillrackligt_underlag' || !isSignalClass(e.signalClass),
    );
  const others = (rounds.data?.rounds ?? []).filter(
    (r) => allGrey && r.roundId !== map.data?.round.roundId && r.geographyTypes.includes(level),
  );
  const otherMaps = useQueries({
    queries: others.map((r) => signalMapQuery({ ssyk, type, round: r.roundId })),
  });
  const withSignals = others.find((_, i) =>
    otherMaps[i]?.data?.entries.some(
      (e) => e.signalClass !== 'otillrackligt_underlag' && isSignalClass(e.signalClass),
    ),
  );
  if (map.isPending) return <Loading label={t('map.loading')} />;
  if (map.isError) return <ErrorNotice error={map.error} onRetry={() => void map.refetch()} />;
  const data = new Map<string, MapDatum>(
    map.data.entries.map((e) => [
      e.geographyId,
      { value: isSignalClass(e.signalClass) ? e.signalClass : 'none', via: e.via },
    ]),
  );
  const subject = `${name}, ${roundName(t, map.data.round)}`;
  const typeName = t(`map.types.${type}`).toLocaleLowerCase();
  const target = (geo: string) => ({ to: '/yrken/$ssyk' as const, params: { ssyk }, search: { geo, round } });
  return (
    <section aria-labelledby="map-subject">
      <h2 id="map-subject">{t('map.heading', { subject, type: typeName })}</h2>
      <RoundAge round={map.data.round} />
      {allGrey && (
        <div className="notice notice-info" data-testid="map-other-round">
          <p>{t('map.missingInRound', { occupation: name, round: roundName(t, map.data.round) })}</p>
          {withSignals ? (
            <p>
              {t('map.otherRound', { round: roundName(t, withSignals) })}{' '}
              <button type="button" className="button" onClick={() => onRound(withSignals.roundId)}>
                {t('map.showRound', { round: roundName(t, withSignals) })}
              </button>
            </p>
          ) : (
            otherMaps.every((m) => m.isSuccess) && <p>{t('map.noOtherRound')}</p>
          )}
        </div>
      )}
      <SignalMapPanel
        type={type}
        data={data}
        subject={subject}
        viaNote
        hrefFor={(geo) => router.buildLocation(target(geo)).href}
        onOpen={(geo) => void navigate(target(geo))}
      />
    </section>
  );
}

function FieldMap({
  fieldId,
  name,
  occupations,
  type,
  round,
  loading,
}: {
  fieldId: string;
  name: string;
  occupations: OccupationSummaryJson[];
  type: MapType;
  round?: string;
  loading: boolean;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const navigate = useNavigate();
  const router = useRouter();
  const maps = useQueries({
    queries: occupations.map((o) => signalMapQuery({ ssyk: o.ssyk, type, round })),
  });
  const pending = loading || maps.some((m) => m.isPending);
  const failed = maps.find((m) => m.isError);
  const data = useMemo(() => {
    const perRegion = countPerRegion(maps.map((m) => m.data?.entries ?? []));
    const out = new Map<string, MapDatum>();
    for (const [id, counts] of perRegion) {
      const detail = CLASS_ORDER.filter((c) => counts[c] > 0)
        .map((c) => `${formatInteger(counts[c], language)} ${t(`classPlural.${c}`)}`)
        .join(', ');
      out.set(id, { value: dominantClass(counts), detail });
    }
    return out;
  }, [maps, language, t]);
  if (pending) return <Loading label={t('map.fieldLoading')} />;
  if (failed?.error) return <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  const firstRound = maps[0]?.data?.round;
  const roundLabel = firstRound ? roundName(t, firstRound) : undefined;
  const subject = `${t('map.fieldSubject', { field: name, count: occupations.length })}${roundLabel ? `, ${roundLabel}` : ''}`;
  const typeName = t(`map.types.${type}`).toLocaleLowerCase();
  const target = (geo: string) => ({ to: '/signaler' as const, search: { geo, field: fieldId, round } });
  return (
    <section aria-labelledby="map-subject">
      <h2 id="map-subject">{t('map.heading', { subject, type: typeName })}</h2>
      {maps[0]?.data && <RoundAge round={maps[0].data.round} />}
      <SignalMapPanel
        type={type}
        data={data}
        subject={subject}
        hrefFor={(geo) => router.buildLocation(target(geo)).href}
        onOpen={(geo) => void navigate(target(geo))}
      />
    </section>
  );
}

/**
 * What /karta starts with before an occupation is chosen: per county (or FA region) the number of occupations in
 * each class in the round with the widest coverage, shortage first; each area opens its shortage list.
 */
function Overview({ type, round }: { type: 'county' | 'fa'; round?: string }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const { byId } = useGeographies();
  const overview = useQuery(classOverviewQuery({ type, round }));
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />;
  const name = roundName(t, overview.data.round);
  const typeName = t(`map.types.${type}`).toLocaleLowerCase();
  const collator = new Intl.Collator(language);
  const entries = [...overview.data.entries].sort(
    (a, b) =>
      b.counts.brist - a.counts.brist ||
      collator.compare(
        byId.get(a.geographyId)?.name ?? a.geographyId,
        byId.get(b.geographyId)?.name ?? b.geographyId,
      ),
  );
  return (
    <section aria-labelledby="map-overview-heading" data-testid="map-overview">
      <h2 id="map-overview-heading">
        {t('map.overviewHeading', { type: t(`map.types.${type}`).toLocaleLowerCase() })}
      </h2>
      <p>{t('map.overviewLead', { round: name })}</p>
      <RoundAge round={overview.data.round} />
      <ScrollRegion label={t('map.overviewHeading', { type: typeName })}>
        <table className="data-table counts-table">
          <caption>
            {t('map.overviewCaption', { type: typeName, round: name, count: overview.data.occupations })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('map.overviewArea')}</th>
              {CLASS_ORDER.map((c) => (
                <th key={c} scope="col" className="num">
                  <SignalBadge signalClass={c} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const area = byId.get(e.geographyId)?.name ?? e.geographyId;
              return (
                <tr key={e.geographyId} data-geo={e.geographyId}>
                  <th scope="row">
                    <Link
                      to="/signaler"
                      search={{ geo: e.geographyId, class: 'brist', round }}
                      aria-label={t('map.overviewOpen', { area })}
                    >
                      {area}
                    </Link>
                  </th>
                  {CLASS_ORDER.map((c) => (
                    <td key={c} className="num">
                      {formatInteger(e.counts[c], language)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
