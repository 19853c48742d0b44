import './larcentra.css';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDateTime, formatInteger, formatNumber, formatPercent, MISSING } from '../format.js';
import { useLanguage } from '../i18n.js';
import { centreListQuery, type ReachJson, reachQuery } from './api.js';
import { AreaMap, type MapArea, type MapPoint } from './area-map.js';
import { NO_DATA_COLOUR, SHARE_CLASSES, shareColour } from './scale.js';
import { AreaSelect, LarcentraSubnav, useAreaName, useGeo, useMapAreas } from './shared.js';

const route = getRouteApi('/larcentra/tackning');

type Municipality = ReachJson['municipalities'][number];
const THRESHOLDS = ['10', '20', '30', '50'] as const;

/** `/larcentra/tackning?geo=county:21`: reach of the learning centres as a map and a table per municipality. */
export function LearningCentreReachPage() {
  const { t } = useTranslation('larcentra');
  const language = useLanguage();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { geo, invalid } = useGeo(search.geo);
  const area = geo ?? 'country:SE';
  const points = search.points ?? 'postal';
  const includePlanned = search.planned === true;
  const query = useQuery(reachQuery({ geo: area, points, includePlanned }));
  const areaName = useAreaName(geo);
  usePageTitle(`${t('reach.title')} – ${t('title')}`);

  return (
    <>
      <h1>
        {t('title')}: {t('reach.title').toLowerCase()}
      </h1>
      <LarcentraSubnav current="reach" geo={geo} />
      <p className="lead">{t('reach.lead')}</p>
      {invalid && (
        <div className="notice notice-error" role="alert">
          <p>{t('geo.invalid', { geo: search.geo })}</p>
        </div>
      )}
      <section aria-labelledby="reach-options-heading" className="panel">
        <h2 id="reach-options-heading">{t('reach.options')}</h2>
        <div className="lc-filters">
          <AreaSelect
            id="reach-area"
            geo={geo}
            onChange={(next) => void navigate({ search: (prev) => ({ ...prev, geo: next }) })}
          />
          <fieldset>
            <legend>{t('reach.points')}</legend>
            {(['postal', 'places'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="points"
                  value={value}
                  checked={points === value}
                  onChange={() =>
                    void navigate({
                      search: (prev) => ({ ...prev, points: value === 'postal' ? undefined : value }),
                    })
                  }
                />
                {value === 'postal' ? t('reach.pointsPostal') : t('reach.pointsPlaces')}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('reach.centresCounted')}</legend>
            <label>
              <input
                type="checkbox"
                name="planned"
                checked={includePlanned}
                onChange={(e) =>
                  void navigate({
                    search: (prev) => ({ ...prev, planned: e.target.checked ? true : undefined }),
                  })
                }
              />
              {t('reach.includePlanned')}
            </label>
          </fieldset>
        </div>
      </section>
      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && <Report report={query.data} areaName={areaName} geo={geo} language={language} />}
      {query.isSuccess && <LeftOut geo={geo} areaName={areaName} includePlanned={includePlanned} />}
    </>
  );
}

function Report({
  report,
  areaName,
  geo,
  language,
}: {
  report: ReachJson;
  areaName: string;
  geo: string | undefined;
  language: Language;
}) {
  const { t } = useTranslation('larcentra');
  const total = report.total;
  return (
    <>
      <section aria-labelledby="reach-summary-heading">
        <h2 id="reach-summary-heading">{t('reach.heading', { area: areaName })}</h2>
        <p>
          {t('reach.summary', {
            area: areaName,
            share30: formatPercent(total.shareWithin['30'], language, 0),
            withCentre: formatInteger(total.municipalitiesWithCentre, language),
            municipalities: formatInteger(total.municipalities, language),
          })}{' '}
          {t('reach.summaryFlagged', {
            count: total.municipalitiesFlagged,
            formatted: formatInteger(total.municipalitiesFlagged, language),
          })}
        </p>
      </section>
      <ReachMap report={report} areaName={areaName} geo={geo} />
      <section aria-labelledby="reach-table-heading">
        <h2 id="reach-table-heading">{t('reach.tableHeading')}</h2>
        <ReachTable report={report} areaName={areaName} language={language} />
      </section>
      {report.counties.length > 1 && (
        <section aria-labelledby="reach-county-heading">
          <h2 id="reach-county-heading">{t('reach.countyHeading')}</h2>
          <CountyTable report={report} language={language} />
        </section>
      )}
      <Method report={report} language={language} />
    </>
  );
}

function ReachMap({
  report,
  areaName,
  geo,
}: {
  report: ReachJson;
  areaName: string;
  geo: string | undefined;
}) {
  const { t } = useTranslation('larcentra');
  const language = useLanguage();
  // The reach map always shows municipalities: for the whole country all 290.
  const { features: layer, error } = useMapAreas(geo, { level: 'municipality' });
  const byCode = useMemo(() => new Map(report.municipalities.map((m) => [m.code, m])), [report]);
  const areas: MapArea[] | undefined = useMemo(
    () =>
      layer?.map((f) => {
        const m = byCode.get(f.properties.code);
        const share = m?.shareWithin['30'] ?? null;
        return {
          id: f.id,
          name: f.properties.name,
          geometry: f.geometry,
          fill: shareColour(share),
          hatched: m?.noCentreWithin30Km === true,
          title: `${m?.name ?? f.properties.shortName}: ${formatPercent(share, language, 0)}`,
        };
      }),
    [layer, byCode, language],
  );
  const points: MapPoint[] = report.centres.map((c) => ({
    id: c.id,
    lat: c.lat,
    lon: c.lon,
    label: c.name,
    to: `/larcentra/${encodeURIComponent(c.id)}${geo ? `?geo=${encodeURIComponent(geo)}` : ''}`,
    approximate: c.origin === 'municipality_centroid',
  }));
  return (
    <section aria-labelledby="reach-map-heading">
      <h2 id="reach-map-heading">{t('reach.mapHeading')}</h2>
      <div className="lc-map-layout">
        <div>
          {error ? (
            <p>{t('map.noBoundaries')}</p>
          ) : areas ? (
            <AreaMap areas={areas} points={points} label={t('reach.mapLabel', { area: areaName })} />
          ) : (
            <Loading />
          )}
        </div>
        <div>
          <p className="notice-title">{t('reach.legendTitle')}</p>
          <ul className="map-legend">
            {SHARE_CLASSES.map((c, i) => (
              <li key={c.colour}>
                <span className="legend-swatch" style={{ background: c.colour }} aria-hidden="true" />
                {formatPercent(c.from, language, 0)}–{formatPercent(c.to, language, 0)}
                {i < SHARE_CLASSES.length - 1 ? ' ' : ''}
              </li>
            ))}
            <li>
              <span
                className="legend-swatch legend-hatch"
                style={{ backgroundColor: NO_DATA_COLOUR }}
                aria-hidden="true"
              />
              {t('reach.legendFlagged')}
            </li>
            <li>
              <span className="legend-dot" aria-hidden="true" />
              {t('reach.legendCentre')}
            </li>
            {points.some((p) => p.approximate) && (
              <li>
                <span className="legend-dot is-approximate" aria-hidden="true" />
                {t('map.legendFallback')}
              </li>
            )}
          </ul>
          <p>{t('map.help')}</p>
        </div>
      </div>
    </section>
  );
}

function km(value: number | null, language: Language, t: (value: string) => string): string {
  return value === null ? MISSING : t(formatNumber(value, language, { maximumFractionDigits: 1 }));
}

function ReachTable({
  report,
  areaName,
  language,
}: {
  report: ReachJson;
  areaName: string;
  language: Language;
}) {
  const { t } = useTranslation('larcentra');
  const kmText = (value: string) => t('reach.km', { value });
  // On a phone each municipality is a card: the value's heading is shown beside it (hidden from screen readers,
  // which announce the column heading).
  const label = (text: string) => (
    <span className="cell-label" aria-hidden="true">
      {text}:{' '}
    </span>
  );
  const row = (m: Municipality) => (
    <tr key={m.code} data-municipality={m.code}>
      <th scope="row" data-column="municipality">
        <Link to="/larcentra" search={{ geo: `municipality:${m.code}` }}>
          {m.name}
        </Link>
      </th>
      <td className="num" data-column="centres">
        {label(t('reach.centres'))}
        {formatInteger(m.centresLocated, language)}
      </td>
      {THRESHOLDS.map((k) => (
        <td key={k} className="num" data-column={`within-${k}`}>
          {label(t('reach.within', { km: k }))}
          {formatPercent(m.shareWithin[k], language, 0)}
        </td>
      ))}
      <td className="num nowrap" data-column="mean">
        {label(t('reach.mean'))}
        {km(m.meanDistanceKm, language, kmText)}
      </td>
      <td className="num nowrap" data-column="max">
        {label(t('reach.max'))}
        {km(m.maxDistanceKm, language, kmText)}
      </td>
      <td data-column="nearest">
        {label(t('reach.nearest'))}
        <span lang={language === 'sv' ? undefined : 'sv'}>{m.mainCentre?.name ?? MISSING}</span>
      </td>
      <td data-column="flag">
        {m.noCentreWithin30Km ? <span className="flag">⚑ {t('reach.flagged')}</span> : ''}
      </td>
    </tr>
  );
  const total = report.total;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={t('reach.region')} tabIndex={0}>
      <table className="data-table reach-table">
        <caption>{t('reach.caption', { area: areaName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reach.municipality')}</th>
            <th scope="col" className="num">
              {t('reach.centres')}
            </th>
            {THRESHOLDS.map((k) => (
              <th key={k} scope="col" className="num">
                {t('reach.within', { km: k })}
              </th>
            ))}
            <th scope="col" className="num">
              {t('reach.mean')}
            </th>
            <th scope="col" className="num">
              {t('reach.max')}
            </th>
            <th scope="col">{t('reach.nearest')}</th>
            <th scope="col">{t('reach.flag')}</th>
          </tr>
        </thead>
        <tbody>{report.municipalities.map(row)}</tbody>
        <tfoot>
          <tr>
            <th scope="row" data-column="municipality">
              {t('reach.total', { area: areaName })}
            </th>
            <td className="num" data-column="centres">
              {label(t('reach.centres'))}
              {formatInteger(total.municipalitiesWithCentre, language)}
            </td>
            {THRESHOLDS.map((k) => (
              <td key={k} className="num" data-column={`within-${k}`}>
                {label(t('reach.within', { km: k }))}
                {formatPercent(total.shareWithin[k], language, 0)}
              </td>
            ))}
            <td className="num nowrap" data-column="mean">
              {label(t('reach.mean'))}
              {km(total.meanDistanceKm, language, kmText)}
            </td>
            <td className="num nowrap" data-column="max">
              {label(t('reach.max'))}
              {km(total.maxDistanceKm, language, kmText)}
            </td>
            <td data-column="nearest" />
            <td data-column="flag">
              {label(t('reach.flag'))}
              {formatInteger(total.municipalitiesFlagged, language)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function CountyTable({ report, language }: { report: ReachJson; language: Language }) {
  const { t } = useTranslation('larcentra');
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={t('reach.countyHeading')} tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('geo.counties')}</th>
            <th scope="col" className="num">
              {t('reach.centres')}
            </th>
            {THRESHOLDS.map((k) => (
              <th key={k} scope="col" className="num">
                {t('reach.within', { km: k })}
              </th>
            ))}
            <th scope="col">{t('reach.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {report.counties.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                <Link to="/larcentra/tackning" search={{ geo: `county:${c.code}` }}>
                  {c.name}
                </Link>
              </th>
              <td className="num">{formatInteger(c.municipalitiesWithCentre, language)}</td>
              {THRESHOLDS.map((k) => (
                <td key={k} className="num">
                  {formatPercent(c.shareWithin[k], language, 0)}
                </td>
              ))}
              <td className="num">{formatInteger(c.municipalitiesFlagged, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Method({ report, language }: { report: ReachJson; language: Language }) {
  const { t } = useTranslation('larcentra');
  const m = report.method;
  const year = m.populationYear === null ? MISSING : String(m.populationYear);
  const imported = (id: string) => {
    const at = m.sources.find((s) => s.id === id)?.importedAt;
    return at ? formatDateTime(at, language) : MISSING;
  };
  const origins = Object.entries(m.centresByOrigin)
    .map(([origin, count]) => `${t(`origin.${origin as 'given'}`)} ${formatInteger(count, language)}`)
    .join(', ');
  return (
    <section aria-labelledby="reach-method-heading">
      <h2 id="reach-method-heading">{t('reach.method')}</h2>
      <p>{t('reach.methodPoints', { count: m.localities })}</p>
      <p>
        {m.points === 'postal'
          ? t('reach.methodPostal', { year })
          : t('reach.methodPlaces', { year, excluded: formatInteger(m.excludedLocalities, language) })}
      </p>
      <p>{t('reach.methodCentres', { count: m.centresUsed, origins })}</p>
      {m.centresWithoutCoordinates.length > 0 && (
        <p>
          {t('reach.methodMissing', { names: m.centresWithoutCoordinates.map((c) => c.name).join('; ') })}
        </p>
      )}
      <p>{t('reach.methodFlag')}</p>
      <p className="muted">
        {t('reach.sources', {
          centres: imported('larcentra'),
          points: imported(m.points === 'postal' ? 'postal-codes' : 'places'),
          geo: imported('geo'),
        })}
      </p>
    </section>
  );
}

/**
 * What the reach leaves out: historical records always, planned centres unless counted. Listed by name so a centre
 * the list shows (e.g. "Högskolecentrum Bollnäs", a historical record) is not silently missing from the count.
 */
function LeftOut({
  geo,
  areaName,
  includePlanned,
}: {
  geo: string | undefined;
  areaName: string;
  includePlanned: boolean;
}) {
  const { t } = useTranslation('larcentra');
  const list = useQuery(centreListQuery({ geo, services: [] }));
  const sv = useLanguage() === 'sv' ? undefined : 'sv';
  const centres = (list.data?.centres ?? []).filter((c) => c.status !== 'active');
  return (
    <section aria-labelledby="reach-left-out-heading" data-testid="reach-left-out">
      <h2 id="reach-left-out-heading">{t('reach.leftOutHeading')}</h2>
      <p>{t('reach.leftOutText')}</p>
      {list.isPending && <Loading />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess &&
        (centres.length === 0 ? (
          <p>{t('reach.leftOutNone', { area: areaName })}</p>
        ) : (
          <ul>
            {centres.map((c) => (
              <li key={c.id} data-status={c.status}>
                <Link to="/larcentra/$id" params={{ id: c.id }} search={geo ? { geo } : {}}>
                  <span lang={sv}>{c.name}</span>
                </Link>{' '}
                ({c.municipality?.name ?? MISSING}) – {t(`status.${c.status}`)}
                {c.status === 'planned' && includePlanned && <>, {t('reach.leftOutPlannedCounted')}</>}
              </li>
            ))}
          </ul>
        ))}
      <p>
        <Link to="/larcentra" search={geo ? { geo } : {}}>
          {t('reach.leftOutList', { area: areaName })}
        </Link>
      </p>
    </section>
  );
}
