import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n.js';
import { boundariesQuery, type MapType } from '../signals/api.js';
import { legendItems, type MapValue } from '../signals/legend.js';
import type { MapRegion } from './choropleth-map.js';
import { ErrorNotice } from './error-notice.js';
import { useGeographies } from './geo-picker.js';
import { Loading } from './loading.js';
import { LegendSwatch } from './map-patterns.js';
import { ScrollRegion } from './scroll-region.js';
import { SignalBadge } from './signal-badge.js';

const ChoroplethMap = lazy(() => import('./choropleth-map.js'));

export interface MapDatum {
  value: MapValue;
  /** Id of the larger area the value comes from (municipalities without a signal of their own). */
  via?: string;
  /** Extra text for the region's name and the table (e.g. counts of a field's classes). */
  detail?: string;
}

export interface SignalMapPanelProps {
  type: MapType;
  data: ReadonlyMap<string, MapDatum>;
  /** What the map shows, e.g. "Anläggningsarbetare, Yrkesbarometer 2025-2". */
  subject: string;
  hrefFor: (regionId: string) => string;
  onOpen: (regionId: string) => void;
  currentId?: string;
  /** Show the note that municipalities may take their signal from a larger area. */
  viaNote?: boolean;
}

/**
 * A class map with everything around it: a legend with text, icon, pattern and counts, the map itself (lazy,
 * d3-geo) and a table with the same information for screen readers and keyboard users.
 */
export function SignalMapPanel({
  type,
  data,
  subject,
  hrefFor,
  onOpen,
  currentId,
  viaNote,
}: SignalMapPanelProps) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const headingId = useId();
  const boundaries = useQuery(boundariesQuery(type));
  const { byId } = useGeographies();
  const typeName = t(`map.types.${type}`).toLocaleLowerCase(language === 'sv' ? 'sv' : 'en');
  const regionIds = [...byId.values()].filter((g) => g.type === type).map((g) => g.id);
  const values = new Map([...data].map(([id, d]) => [id, d.value] as const));
  const legend = legendItems(regionIds, values);
  const nameOf = (id: string): string => byId.get(id)?.name ?? id;
  const className = (value: MapValue): string => t(`class.${value}`);

  const regions = new Map<string, MapRegion>();
  for (const id of regionIds) {
    const datum = data.get(id);
    const value = datum?.value ?? 'none';
    const label = datum?.detail
      ? t('map.fieldRegion', { region: nameOf(id), class: className(value), counts: datum.detail })
      : datum?.via
        ? t('map.regionVia', { region: nameOf(id), class: className(value), via: nameOf(datum.via) })
        : t('map.regionLabel', { region: nameOf(id), class: className(value) });
    regions.set(id, { value, label, href: hrefFor(id) });
  }
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
  const tableRows = regionIds
    .map((id) => ({ id, name: nameOf(id), datum: data.get(id) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const hasVia = tableRows.some((r) => r.datum?.via);
  const hasDetail = tableRows.some((r) => r.datum?.detail);

  return (
    <div className="map-block" data-map-type={type}>
      <div className="map-layout">
        <div className="map-canvas">
          {boundaries.isPending && <Loading label={t('map.loading')} />}
          {boundaries.isError && (
            <ErrorNotice error={boundaries.error} onRetry={() => void boundaries.refetch()} />
          )}
          {boundaries.isSuccess && (
            <Suspense fallback={<Loading label={t('map.loading')} />}>
              <ChoroplethMap
                topology={boundaries.data}
                layer={type}
                regions={regions}
                onOpen={onOpen}
                currentId={currentId}
                label={t('map.mapLabel', { subject, type: typeName })}
              />
            </Suspense>
          )}
        </div>
        <div>
          <h3 id={headingId}>{t('map.legend')}</h3>
          <ul className="legend" aria-labelledby={headingId}>
            {legend.map((item) => (
              <li key={item.value} data-legend={item.value}>
                <LegendSwatch value={item.value} />
                <span>
                  {className(item.value)}{' '}
                  <span className="legend-count">({t('map.legendCount', { count: item.count })})</span>
                </span>
              </li>
            ))}
          </ul>
          {viaNote && type === 'municipality' && <p className="control-help">{t('map.viaNote')}</p>}
        </div>
      </div>
      <details className="table-alternative">
        <summary>{t('map.tableToggle')}</summary>
        <ScrollRegion label={t('map.tableCaption', { subject, type: typeName })}>
          <table className="data-table">
            <caption>{t('map.tableCaption', { subject, type: typeName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('map.region')}</th>
                <th scope="col">{t('column.class')}</th>
                {hasDetail && <th scope="col">{t('map.counts')}</th>}
                {hasVia && <th scope="col">{t('map.via')}</th>}
              </tr>
            </thead>
            <tbody>
              {tableRows.map(({ id, name, datum }) => (
                <tr key={id} data-region={id}>
                  <th scope="row">
                    <a
                      href={hrefFor(id)}
                      onClick={(event) => {
                        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                        event.preventDefault();
                        onOpen(id);
                      }}
                    >
                      {name}
                    </a>
                  </th>
                  <td>
                    {datum && datum.value !== 'none' ? (
                      <SignalBadge signalClass={datum.value} />
                    ) : (
                      className('none')
                    )}
                  </td>
                  {hasDetail && <td>{datum?.detail ?? ''}</td>}
                  {hasVia && <td>{datum?.via ? nameOf(datum.via) : ''}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </div>
  );
}
