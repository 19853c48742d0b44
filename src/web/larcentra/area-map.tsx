import { useRouter } from '@tanstack/react-router';
import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { MouseEvent } from 'react';
import { useId, useMemo } from 'react';

/**
 * An SVG map drawn with d3-geo from the stored (simplified, WGS84) boundaries, in a transverse Mercator
 * projection centred on 15° E (as SWEREF 99 TM). Areas are decoration for screen readers (the page's table or list
 * carries the same facts); points are links, reachable with Tab in the order given, each with a text label.
 */

export interface MapArea {
  id: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  fill?: string;
  /** Drawn with a hatch pattern on top of the fill. */
  hatched?: boolean;
  /** Tooltip for mouse users; the same fact is in the page's table. */
  title?: string;
}

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Accessible name of the link. */
  label: string;
  /** The router path the point links to. */
  to: string;
  /** An approximate position (drawn hollow). */
  approximate?: boolean;
  highlighted?: boolean;
}

const WIDTH = 600;
const MARGIN = 12;

/** Projection and height for areas (and points, which may lie outside them) fitted to the map width. */
function layout(areas: readonly MapArea[], points: readonly MapPoint[]) {
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      ...areas.map((a) => ({ type: 'Feature' as const, properties: {}, geometry: a.geometry })),
      ...(points.length > 0
        ? [
            {
              type: 'Feature' as const,
              properties: {},
              geometry: { type: 'MultiPoint' as const, coordinates: points.map((p) => [p.lon, p.lat]) },
            },
          ]
        : []),
    ],
  };
  const projection = geoTransverseMercator().rotate([-15, 0]);
  projection.fitWidth(WIDTH - 2 * MARGIN, collection);
  const path = geoPath(projection);
  const [[, y0], [, y1]] = path.bounds(collection);
  const height = Math.max(120, Math.ceil(y1 - y0) + 2 * MARGIN);
  const [tx, ty] = projection.translate();
  projection.translate([tx + MARGIN, ty - y0 + MARGIN]);
  return { projection, path: geoPath(projection), height };
}

export function AreaMap({
  areas,
  points,
  label,
  className,
}: {
  areas: readonly MapArea[];
  points: readonly MapPoint[];
  /** Accessible name of the map (what it shows). */
  label: string;
  className?: string;
}) {
  const router = useRouter();
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { projection, path, height } = useMemo(() => layout(areas, points), [areas, points]);

  const follow = (to: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.history.push(to);
  };

  return (
    <div className={['area-map-figure', className].filter(Boolean).join(' ')}>
      <svg className="area-map" viewBox={`0 0 ${WIDTH} ${height}`}>
        <title>{label}</title>
        <defs>
          <pattern
            id={hatchId}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="6" className="area-map-hatch" />
          </pattern>
        </defs>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <g> of paths is not focusable; the boundaries are decoration (the page's table has the facts). */}
        <g aria-hidden="true">
          {areas.map((area) => {
            const d = path(area.geometry) ?? undefined;
            return (
              <g key={area.id}>
                <path d={d} className="area-map-area" style={area.fill ? { fill: area.fill } : undefined}>
                  {area.title && <title>{area.title}</title>}
                </path>
                {area.hatched && <path d={d} className="area-map-hatched" fill={`url(#${hatchId})`} />}
              </g>
            );
          })}
        </g>
        <g>
          {points.map((point) => {
            const xy = projection([point.lon, point.lat]);
            if (!xy) return null;
            const classes = [
              'area-map-point',
              point.approximate ? 'is-approximate' : '',
              point.highlighted ? 'is-highlighted' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <a
                key={point.id}
                href={point.to}
                aria-label={point.label}
                onClick={follow(point.to)}
                className={classes}
              >
                <title>{point.label}</title>
                {/* A larger transparent target makes small points easy to hit (WCAG 2.5.8). */}
                <circle cx={xy[0]} cy={xy[1]} r={12} className="area-map-target" />
                <circle cx={xy[0]} cy={xy[1]} r={point.highlighted ? 7 : 5} className="area-map-dot" />
              </a>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
