import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignalClass } from '../../core/signals/index.js';
import { ErrorNotice } from '../components/error-notice.js';
import { GeoPicker } from '../components/geo-picker.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { SignalBadge } from '../components/signal-badge.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { AreaMap, type MapArea } from '../larcentra/area-map.js';
import { useMapAreas } from '../larcentra/shared.js';
import { type GapRowJson, gapsQuery } from './api.js';

const route = getRouteApi('/utbildning/gap');

/** Route levels from best to none, with a fill and a hatch so the map never relies on colour alone. */
export const ROUTE_STYLE = {
  municipality: { fill: '#1b5e20', hatched: false },
  area: { fill: '#4c9a52', hatched: false },
  county: { fill: '#a5d6a7', hatched: false },
  distance_with_centre: { fill: '#90a4ae', hatched: true },
  distance: { fill: '#cfd8dc', hatched: true },
  none: { fill: '#ffffff', hatched: false },
} as const;
export type RouteKey = keyof typeof ROUTE_STYLE;

/** CSV of the gap table (the same columns as on screen), Swedish headers, semicolon-separated for Excel. */
function gapCsv(rows: readonly GapRowJson[]): string {
  const header = [
    'ssyk',
    'yrke',
    'seqf',
    'signal',
    'i_regionen',
    'distans',
    'i_arbetsmarknadsomraden',
    'gap',
    'behov_5_ar',
    'platser',
    'saknas',
    'inte_framst_utbildning',
  ];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [
    header.join(';'),
    ...rows.map((r) =>
      [
        r.ssyk,
        r.name,
        r.seqfBand,
        r.signalClass,
        r.routes.inRegion,
        r.routes.distance,
        r.routes.inAreas,
        r.gap ? 'ja' : 'nej',
        r.estimatedNeed,
        r.placesInRegion,
        r.placesShortfall,
        r.notPrimarilyEducation ? 'ja' : 'nej',
      ]
        .map(cell)
        .join(';'),
    ),
  ].join('\r\n');
}

/** Map of the region's municipalities by the best route to education for one occupation, with a text list. */
export function RouteMap({ geo, geoName, row }: { geo: string; geoName: string; row: GapRowJson }) {
  const { t } = useTranslation('education');
  const { features } = useMapAreas(geo, { level: 'municipality' });
  const routeOf = useMemo(() => new Map(row.municipalities.map((m) => [m.code, m.route])), [row]);
  const areas: MapArea[] = useMemo(
    () =>
      (features ?? []).map((f) => {
        const route = (routeOf.get(f.properties.code) ?? 'none') as RouteKey;
        return {
          id: f.id,
          name: f.properties.name,
          geometry: f.geometry,
          fill: ROUTE_STYLE[route].fill,
          hatched: ROUTE_STYLE[route].hatched,
          title: `${f.properties.name}: ${t(`gap.routes.${route}`)}`,
        };
      }),
    [features, routeOf, t],
  );
  const names = new Map((features ?? []).map((f) => [f.properties.code, f.properties.name]));
  return (
    <section aria-labelledby="route-map-title" className="education-map">
      <h2 id="route-map-title">{t('gap.mapTitle', { occupation: row.name })}</h2>
      {features ? (
        <AreaMap
          areas={areas}
          points={[]}
          label={t('gap.mapLabel', { geo: geoName, occupation: row.name })}
        />
      ) : (
        <Loading />
      )}
      <ul className="education-legend">
        {(Object.keys(ROUTE_STYLE) as RouteKey[]).map((r) => (
          <li key={r}>
            <svg width="18" height="14" aria-hidden="true">
              <rect width="18" height="14" fill={ROUTE_STYLE[r].fill} stroke="#333" />
              {ROUTE_STYLE[r].hatched ? <path d="M0 14 L14 0 M4 14 L18 0" stroke="#333" /> : null}
            </svg>{' '}
            {t(`gap.routes.${r}`)} ({row.routeCounts[r] ?? 0})
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('gap.municipality')}</summary>
        <ul>
          {row.municipalities.map((m) => (
            <li key={m.code}>
              {names.get(m.code) ?? m.code}: {t(`gap.routes.${m.route as RouteKey}`)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** `/utbildning/gap?geo=county:21`: routes to education and gaps per prioritised (or shortage) occupation. */
export function EducationGapPage() {
  const { t } = useTranslation('education');
  const language = useLanguage();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const geo = search.geo ?? 'county:21';
  const query = useQuery(gapsQuery(geo, search.round));
  usePageTitle(t('gap.title'));
  const selected =
    query.data?.rows.find((r) => r.ssyk === search.ssyk) ?? query.data?.rows.find((r) => r.gap);
  const download = () => {
    if (!query.data) return;
    const blob = new Blob([`\uFEFF${gapCsv(query.data.rows)}`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `utbildningsgap-${geo.replace(':', '-')}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <h1>{t('gap.title')}</h1>
      <p>{t('gap.intro')}</p>
      <GeoPicker
        value={geo}
        onSelect={(g) => void navigate({ search: (prev) => ({ ...prev, geo: g, ssyk: undefined }) })}
      />
      <p>
        <Link to="/utbildning/yh" search={{ geo }}>
          {t('gap.yhLink')}
        </Link>
        {' · '}
        <Link to="/utbildning/import">{t('gap.importLink')}</Link>
      </p>
      {query.isError ? <ErrorNotice error={query.error} /> : null}
      {query.isPending ? <Loading /> : null}
      {query.data ? (
        <>
          <p>
            {t(`gap.basis.${query.data.basis}`, {
              year: query.data.priorityYear ?? '',
              round: query.data.round.label,
            })}{' '}
            {t('gap.count', {
              count: query.data.rows.length,
              gaps: query.data.rows.filter((r) => r.gap).length,
            })}
          </p>
          <p>
            <button type="button" className="button" onClick={download}>
              {t('gap.export')}
            </button>
          </p>
          {query.data.rows.length === 0 ? (
            <p>{t('gap.none')}</p>
          ) : (
            <ScrollRegion label={t('gap.title')}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gap.occupation')}</th>
                    <th scope="col">{t('gap.seqf')}</th>
                    <th scope="col">{t('gap.signal')}</th>
                    <th scope="col">{t('gap.status')}</th>
                    <th scope="col" className="numeric">
                      {t('gap.inRegion')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('gap.distance')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('gap.need')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('gap.places')}
                    </th>
                    <th scope="col">{t('gap.map')}</th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.rows.map((r) => (
                    <tr key={r.ssyk}>
                      <th scope="row">
                        <Link to="/yrken/$ssyk" params={{ ssyk: r.ssyk }} search={{ geo }}>
                          {r.name}
                        </Link>{' '}
                        <span className="muted">{r.ssyk}</span>
                        {r.notPrimarilyEducation ? <div className="muted">{t('gap.paradox')}</div> : null}
                      </th>
                      <td>{r.seqfBand ?? '–'}</td>
                      <td>
                        <SignalBadge signalClass={r.signalClass as SignalClass} />
                      </td>
                      <td>{r.gap ? <strong>{t('gap.gap')}</strong> : t('gap.route')}</td>
                      <td className="numeric">{formatInteger(r.routes.inRegion, language)}</td>
                      <td className="numeric">{formatInteger(r.routes.distance, language)}</td>
                      <td className="numeric">{formatInteger(r.estimatedNeed, language)}</td>
                      <td className="numeric">{formatInteger(r.placesInRegion, language)}</td>
                      <td>
                        <Link
                          to="/utbildning/gap"
                          search={{ geo, round: search.round, ssyk: r.ssyk }}
                          aria-label={t('gap.showMap', { occupation: r.name })}
                        >
                          {t('gap.map')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {selected ? <RouteMap geo={geo} geoName={geo} row={selected} /> : null}
        </>
      ) : null}
    </>
  );
}
