import './larcentra.css';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { SERVICE_CODES, type ServiceCode } from '../../core/learning-centres/services.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDateTime, isoDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { type CentreJson, centreListQuery, centreListQueryString } from './api.js';
import { AreaMap, type MapPoint } from './area-map.js';
import { listFilterOf, toggleService } from './search.js';
import { AreaSelect, LarcentraSubnav, plainAreas, useAreaName, useGeo, useMapAreas } from './shared.js';

const route = getRouteApi('/larcentra');

/** `/larcentra?geo=county:21`: learning centres of an area as a map and a list, filtered by services and hours. */
export function LearningCentresPage() {
  const { t } = useTranslation('larcentra');
  const language = useLanguage();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { geo, invalid } = useGeo(search.geo);
  const filter = listFilterOf(search);
  const services = filter.services;
  const query = useQuery(centreListQuery(filter));
  const areaName = useAreaName(geo);
  usePageTitle(t('title'));

  const centres = query.data?.centres ?? [];
  const importedAt = query.data?.importedAt;

  return (
    <>
      <h1>{t('title')}</h1>
      <LarcentraSubnav current="list" geo={geo} />
      <p className="lead">{t('lead')}</p>
      <div className="notice notice-info">
        <p>{t('caveat')}</p>
      </div>
      {invalid && (
        <div className="notice notice-error" role="alert">
          <p>{t('geo.invalid', { geo: search.geo })}</p>
        </div>
      )}

      <section aria-labelledby="filters-heading" className="panel">
        <h2 id="filters-heading">{t('filters.heading')}</h2>
        <div className="lc-filters">
          <AreaSelect
            id="lc-area"
            geo={geo}
            onChange={(next) => void navigate({ search: (prev) => ({ ...prev, geo: next }) })}
          />
          <fieldset>
            <legend>{t('filters.services')}</legend>
            {SERVICE_CODES.map((code) => (
              <label key={code}>
                <input
                  type="checkbox"
                  name="service"
                  value={code}
                  checked={services.includes(code)}
                  onChange={(e) =>
                    void navigate({
                      search: (prev) => ({
                        ...prev,
                        service: toggleService(prev.service, code, e.target.checked),
                      }),
                    })
                  }
                />
                {t(`services.${code}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('filters.opening')}</legend>
            {(['evenings', 'weekends'] as const).map((key) => (
              <label key={key}>
                <input
                  type="checkbox"
                  name={key}
                  checked={search[key] === true}
                  onChange={(e) =>
                    void navigate({
                      search: (prev) => ({ ...prev, [key]: e.target.checked ? true : undefined }),
                    })
                  }
                />
                {t(`filters.${key}`)}
              </label>
            ))}
            <p>
              <Link to="/larcentra" search={{ geo }}>
                {t('filters.clear')}
              </Link>
            </p>
          </fieldset>
        </div>
        <p role="status" className="count">
          {query.isSuccess ? t('list.count', { count: centres.length }) : ''}
        </p>
      </section>

      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && (
        <>
          <CentresMap centres={centres} geo={geo} areaName={areaName} />
          <section aria-labelledby="list-heading">
            <h2 id="list-heading">
              {t('list.heading', { area: areaName })}{' '}
              <span className="count">({t('list.count', { count: centres.length })})</span>
            </h2>
            {centres.length === 0 ? (
              <p>{t('list.empty')}</p>
            ) : (
              <CentresTable centres={centres} geo={geo} areaName={areaName} />
            )}
            <h3>{t('export.heading')}</h3>
            <ul className="export-links">
              <li>
                <a href={`/api/learning-centres/export.csv${centreListQueryString(filter)}`} download>
                  {t('export.csv')}
                </a>
              </li>
              <li>
                <a href={`/api/learning-centres/export.xlsx${centreListQueryString(filter)}`} download>
                  {t('export.xlsx')}
                </a>
              </li>
            </ul>
            <p className="muted">{t('export.note')}</p>
            {importedAt && (
              <p className="muted">
                <Trans
                  t={t}
                  i18nKey="list.imported"
                  values={{ time: formatDateTime(importedAt, language) }}
                  components={{ time: <time dateTime={isoDateTime(importedAt)} /> }}
                />
              </p>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** The centre's municipality, or the municipalities of a network. */
function placeOf(centre: CentreJson, network: (municipalities: string) => string): string {
  if (centre.municipality) return centre.municipality.name;
  return network(centre.municipalities.map((m) => m.name).join(', '));
}

function centreLink(id: string, geo: string | undefined): string {
  return `/larcentra/${encodeURIComponent(id)}${geo ? `?geo=${encodeURIComponent(geo)}` : ''}`;
}

function CentresMap({
  centres,
  geo,
  areaName,
}: {
  centres: CentreJson[];
  geo: string | undefined;
  areaName: string;
}) {
  const { t } = useTranslation('larcentra');
  const { features, error } = useMapAreas(geo);
  const areas = useMemo(() => (features ? plainAreas(features) : undefined), [features]);
  const points: MapPoint[] = centres.flatMap((c) =>
    c.coordinates
      ? [
          {
            id: c.id,
            lat: c.coordinates.lat,
            lon: c.coordinates.lon,
            to: centreLink(c.id, geo),
            approximate: c.coordinates.origin === 'municipality_centroid',
            label: `${t('map.pointLabel', { name: c.name, municipality: placeOf(c, (municipalities) => t('list.network', { municipalities })) })}${
              c.coordinates.origin === 'municipality_centroid' ? ` (${t('map.fallbackNote')})` : ''
            }`,
          },
        ]
      : [],
  );
  const missing = centres.length - points.length;
  const hasApproximate = points.some((p) => p.approximate);
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{t('map.heading')}</h2>
      <div className="lc-map-layout">
        <div>
          {error ? (
            <p>{t('map.noBoundaries')}</p>
          ) : areas ? (
            <AreaMap areas={areas} points={points} label={t('map.label', { area: areaName })} />
          ) : (
            <Loading />
          )}
        </div>
        <div>
          <p>{t('map.help')}</p>
          <ul className="map-legend">
            <li>
              <span className="legend-dot" aria-hidden="true" />
              {t('map.legendCentre')}
            </li>
            {hasApproximate && (
              <li>
                <span className="legend-dot is-approximate" aria-hidden="true" />
                {t('map.legendFallback')}
              </li>
            )}
          </ul>
          {missing > 0 && <p>{t('map.missing', { count: missing })}</p>}
        </div>
      </div>
    </section>
  );
}

function OpenTimes({ centre }: { centre: CentreJson }) {
  const { t } = useTranslation('larcentra');
  const parts: string[] = [];
  if (centre.openingHours.evenings) parts.push(t('list.evenings'));
  if (centre.openingHours.weekends) parts.push(t('list.weekends'));
  return parts.length > 0 ? parts.join(', ') : <span className="muted">{t('list.notStated')}</span>;
}

function ServiceTags({ services }: { services: ServiceCode[] }) {
  const { t } = useTranslation('larcentra');
  if (services.length === 0) return <span className="muted">{t('list.noServices')}</span>;
  return (
    <ul className="service-list">
      {services.map((s) => (
        <li key={s}>
          <span className="tag">{t(`services.${s}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function CentresTable({
  centres,
  geo,
  areaName,
}: {
  centres: CentreJson[];
  geo: string | undefined;
  areaName: string;
}) {
  const { t } = useTranslation('larcentra');
  const language = useLanguage();
  const nameLang = language === 'sv' ? undefined : 'sv';
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={t('list.region')} tabIndex={0}>
      <table className="data-table">
        <caption>{t('list.caption', { area: areaName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.name')}</th>
            <th scope="col">{t('list.municipality')}</th>
            <th scope="col">{t('list.services')}</th>
            <th scope="col">{t('list.opening')}</th>
            <th scope="col">{t('list.status')}</th>
          </tr>
        </thead>
        <tbody>
          {centres.map((c) => (
            <tr key={c.id} data-centre={c.id}>
              <th scope="row">
                <Link to="/larcentra/$id" params={{ id: c.id }} search={{ geo }} lang={nameLang}>
                  {c.name}
                </Link>
              </th>
              <td>{placeOf(c, (municipalities) => t('list.network', { municipalities }))}</td>
              <td>
                <ServiceTags services={c.services} />
              </td>
              <td>
                <OpenTimes centre={c} />
              </td>
              <td>{t(`status.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
