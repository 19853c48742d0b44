import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { compareSv } from '../format.js';
import { parseGeoId } from '../search.js';
import { type BoundaryFeatureJson, boundariesQuery, countiesQuery, geographyQuery } from './api.js';
import type { MapArea } from './area-map.js';

/** Pieces shared by the learning-centre pages: sub-navigation, area picker, area name and map areas. */

export function LarcentraSubnav({ current, geo }: { current: 'list' | 'reach'; geo: string | undefined }) {
  const { t } = useTranslation('larcentra');
  return (
    <nav className="subnav" aria-label={t('subnav.label')}>
      <ul>
        <li>
          <Link
            to="/larcentra"
            search={{ geo }}
            aria-current={current === 'list' ? 'page' : undefined}
            activeOptions={{ exact: true }}
          >
            {t('subnav.list')}
          </Link>
        </li>
        <li>
          <Link
            to="/larcentra/tackning"
            search={{ geo }}
            aria-current={current === 'reach' ? 'page' : undefined}
          >
            {t('subnav.reach')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** The geography of the page: a valid id or undefined, and whether the URL held an invalid one. */
export function useGeo(raw: string | undefined): { geo: string | undefined; invalid: boolean } {
  const parsed = parseGeoId(raw);
  return { geo: parsed ? `${parsed.type}:${parsed.code}` : undefined, invalid: raw !== undefined && !parsed };
}

/** The display name of a geography ("Gävleborgs län"), or the "all of Sweden" text. */
export function useAreaName(geo: string | undefined): string {
  const { t } = useTranslation('larcentra');
  const detail = useQuery({ ...geographyQuery(geo ?? 'country:SE'), enabled: geo !== undefined });
  if (!geo || geo === 'country:SE') return t('geo.all');
  return detail.data?.name ?? geo;
}

/** Area picker: all of Sweden, the 21 counties, and the current area when it is something else. */
export function AreaSelect({
  geo,
  onChange,
  id,
}: {
  geo: string | undefined;
  onChange: (geo: string | undefined) => void;
  id: string;
}) {
  const { t } = useTranslation('larcentra');
  const counties = useQuery(countiesQuery);
  const areaName = useAreaName(geo);
  const list = [...(counties.data?.geographies ?? [])].sort((a, b) => compareSv(a.name, b.name));
  const isListed = !geo || geo === 'country:SE' || list.some((c) => c.id === geo);
  return (
    <label className="lc-field" htmlFor={id}>
      <span>{t('geo.label')}</span>
      <select
        id={id}
        value={geo && geo !== 'country:SE' ? geo : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{t('geo.all')}</option>
        {!isListed && geo && (
          <option value={geo}>
            {t('geo.other')}: {areaName}
          </option>
        )}
        <optgroup label={t('geo.counties')}>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

/**
 * Boundary areas for a geography: its member municipalities (county, FA region, municipality), or for the whole
 * country the 21 counties (or all 290 municipalities with `level: 'municipality'`). Undefined while loading.
 */
export function useMapAreas(
  geo: string | undefined,
  options: { level?: 'auto' | 'municipality' } = {},
): { features: BoundaryFeatureJson[] | undefined; error: unknown } {
  const whole = !geo || geo === 'country:SE';
  const detail = useQuery({ ...geographyQuery(geo ?? 'country:SE'), enabled: !whole });
  const layer = useQuery(
    boundariesQuery(whole && options.level !== 'municipality' ? 'county' : 'municipality'),
  );
  if (layer.isError) return { features: undefined, error: layer.error };
  if (detail.isError) return { features: undefined, error: detail.error };
  if (!layer.data) return { features: undefined, error: undefined };
  if (whole) return { features: layer.data.features, error: undefined };
  if (!detail.data) return { features: undefined, error: undefined };
  const members = new Set(detail.data.members.map((m) => m.code));
  return { features: layer.data.features.filter((f) => members.has(f.properties.code)), error: undefined };
}

/** Plain map areas from boundary features. */
export function plainAreas(features: readonly BoundaryFeatureJson[]): MapArea[] {
  return features.map((f) => ({ id: f.id, name: f.properties.name, geometry: f.geometry }));
}
