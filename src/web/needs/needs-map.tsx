import { useQuery } from '@tanstack/react-query';
import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';

/**
 * The dashboard's map of employers with needs by municipality: the municipalities in view (the region, the chosen
 * area, or a municipality's own) drawn with d3-geo from the stored boundaries (no tiles), in a transverse Mercator
 * centred on 15° E like the other maps. Each municipality is shaded by class AND patterned AND carries its number,
 * so colour is never the only signal; the table beside it says the same in text (the SVG is an image with a
 * summary for screen readers).
 */

interface BoundaryFeature {
  type: 'Feature';
  id: string;
  properties: { id: string; code: string; name: string; shortName: string };
  geometry: Polygon | MultiPolygon;
}

/** Same key and URL as the learning-centre maps, so the layer is fetched once per session. */
const municipalityBoundaries = {
  queryKey: ['boundaries', 'municipality'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet<{ type: 'FeatureCollection'; features: BoundaryFeature[] }>(
      '/api/geographies/boundaries?type=municipality',
      { signal },
    ),
  staleTime: Number.POSITIVE_INFINITY,
};

/** Classes by distinct employers with a need: none, 1–2, 3–5, 6 or more. */
export const EMPLOYER_CLASSES = [
  { key: 'none', min: 0 },
  { key: 'few', min: 1 },
  { key: 'some', min: 3 },
  { key: 'many', min: 6 },
] as const;
export type EmployerClass = (typeof EMPLOYER_CLASSES)[number]['key'];

/** The class of a number of employers. */
export function employerClass(employers: number): EmployerClass {
  let found: EmployerClass = 'none';
  for (const c of EMPLOYER_CLASSES) if (employers >= c.min) found = c.key;
  return found;
}

const WIDTH = 600;
const MARGIN = 10;

export function NeedsMap({
  municipalities,
  employers,
  label,
}: {
  /** Codes of the municipalities in view. */
  municipalities: readonly string[];
  /** Distinct employers with a need per municipality code. */
  employers: ReadonlyMap<string, number>;
  label: string;
}) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const prefix = `needs-map-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const boundaries = useQuery(municipalityBoundaries);
  const drawn = useMemo(() => {
    const wanted = new Set(municipalities);
    const features = (boundaries.data?.features ?? []).filter((f) => wanted.has(f.properties.code));
    if (features.length === 0) return null;
    const collection: FeatureCollection = { type: 'FeatureCollection', features };
    const projection = geoTransverseMercator()
      .rotate([-15, 0])
      .fitWidth(WIDTH - 2 * MARGIN, collection);
    const path = geoPath(projection);
    const [[, y0], [, y1]] = path.bounds(collection);
    const height = Math.max(120, Math.ceil(y1 - y0) + 2 * MARGIN);
    const [tx, ty] = projection.translate();
    projection.translate([tx + MARGIN, ty - y0 + MARGIN]);
    const shifted = geoPath(projection);
    return {
      height,
      areas: features.map((f) => ({
        code: f.properties.code,
        name: f.properties.shortName || f.properties.name,
        d: shifted(f) ?? '',
        centre: shifted.centroid(f),
      })),
    };
  }, [boundaries.data, municipalities]);

  if (boundaries.isError) return <p>{t('map.unavailable')}</p>;
  if (!drawn) return null;
  const total = [...municipalities].filter((m) => (employers.get(m) ?? 0) > 0).length;
  return (
    <figure className="needs-map-figure">
      <svg
        className="needs-map"
        viewBox={`0 0 ${WIDTH} ${drawn.height}`}
        role="img"
        aria-label={`${label}. ${t('map.summary', { count: total, all: municipalities.length })}`}
        data-testid="needs-map"
      >
        <defs>
          <pattern id={`${prefix}-few`} width="8" height="8" patternUnits="userSpaceOnUse">
            <circle cx="4" cy="4" r="1.2" className="needs-map-mark" />
          </pattern>
          <pattern
            id={`${prefix}-some`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="6" className="needs-map-line" />
          </pattern>
          <pattern id={`${prefix}-many`} width="6" height="6" patternUnits="userSpaceOnUse">
            <path d="M0 0 L6 6 M6 0 L0 6" className="needs-map-line" />
          </pattern>
        </defs>
        {drawn.areas.map((a) => {
          const n = employers.get(a.code) ?? 0;
          const cls = employerClass(n);
          return (
            <g key={a.code} data-municipality={a.code} data-class={cls}>
              <path d={a.d} className={`needs-map-area is-${cls}`}>
                <title>{`${a.name}: ${t('map.employers', { count: n })}`}</title>
              </path>
              {cls !== 'none' && (
                <path d={a.d} className="needs-map-pattern" fill={`url(#${prefix}-${cls})`} />
              )}
            </g>
          );
        })}
        {drawn.areas.map((a) => {
          const n = employers.get(a.code) ?? 0;
          const [x, y] = a.centre;
          if (n === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return null;
          return (
            <text
              key={a.code}
              x={x}
              y={y}
              className="needs-map-count"
              textAnchor="middle"
              dominantBaseline="central"
            >
              {formatInteger(n, language)}
            </text>
          );
        })}
      </svg>
      <figcaption>
        <ul className="needs-map-legend">
          {EMPLOYER_CLASSES.map((c) => (
            <li key={c.key}>
              <svg width="22" height="16" aria-hidden="true" focusable="false">
                <rect width="22" height="16" className={`needs-map-area is-${c.key}`} />
                {c.key !== 'none' && <rect width="22" height="16" fill={`url(#${prefix}-${c.key})`} />}
              </svg>{' '}
              {t(`map.class.${c.key}`)}
            </li>
          ))}
        </ul>
        <p className="hint">{t('map.caption')}</p>
      </figcaption>
    </figure>
  );
}
