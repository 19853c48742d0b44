import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type MouseEvent, useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { type MapValue, styleOf } from '../signals/legend.js';
import { PatternDefs, regionFill } from './map-patterns.js';

/**
 * A choropleth of Sweden from the stored boundaries (TopoJSON from /api/geographies/boundaries) drawn with
 * d3-geo in a transverse Mercator centred on 15° E (as SWEREF 99 TM). Every region is an SVG link: reachable with
 * Tab, opened with Enter or a click, named for screen readers ("Gävleborgs län: Brist"). Classes differ in
 * pattern and, for counties and FA regions, by an icon label too, so colour is never the only signal.
 * Loaded lazily (d3-geo and topojson-client stay out of the initial bundle).
 */

export interface MapRegion {
  value: MapValue;
  /** Accessible name of the region link. */
  label: string;
  href: string;
}

export interface ChoroplethMapProps {
  topology: unknown;
  /** Object name in the topology: county | fa | municipality. */
  layer: string;
  regions: ReadonlyMap<string, MapRegion>;
  onOpen: (regionId: string) => void;
  /** The region the page is about, outlined. */
  currentId?: string;
  /** Accessible name of the whole map. */
  label: string;
  width?: number;
}

interface RegionProperties {
  id: string;
  code: string;
  name: string;
  shortName: string;
}

function isTopology(value: unknown, layer: string): value is Topology {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { type?: unknown; objects?: Record<string, unknown> };
  return candidate.type === 'Topology' && typeof candidate.objects === 'object' && layer in candidate.objects;
}

/** The features of one layer; throws a readable error when the answer is not the expected TopoJSON. */
export function layerFeatures(topology: unknown, layer: string): Array<Feature<Geometry, RegionProperties>> {
  if (!isTopology(topology, layer)) throw new Error(`Gränserna för "${layer}" saknas eller har fel format.`);
  const object = topology.objects[layer] as GeometryCollection<RegionProperties>;
  const collection = feature(topology, object) as FeatureCollection<Geometry, RegionProperties>;
  return collection.features;
}

export function ChoroplethMap({
  topology,
  layer,
  regions,
  onOpen,
  currentId,
  label,
  width = 420,
}: ChoroplethMapProps) {
  const prefix = `map-${layer}`;
  const drawn = useMemo(() => {
    const features = layerFeatures(topology, layer);
    const collection: FeatureCollection<Geometry, RegionProperties> = { type: 'FeatureCollection', features };
    const projection = geoTransverseMercator()
      .rotate([-15, 0])
      .fitWidth(width - 8, collection);
    const path = geoPath(projection);
    const [[, y0], [, y1]] = path.bounds(collection);
    const height = Math.ceil(y1 - y0) + 8;
    projection.translate([projection.translate()[0] + 4, projection.translate()[1] - y0 + 4]);
    return {
      height,
      regions: features.map((f) => ({
        id: f.properties.id,
        d: path(f) ?? '',
        centroid: path.centroid(f),
        area: path.area(f),
      })),
    };
  }, [topology, layer, width]);

  const showIcons = layer !== 'municipality';
  const open = (event: MouseEvent<HTMLAnchorElement>, id: string): void => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(id);
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names the set of region links.
    <svg
      className="map-svg"
      viewBox={`0 0 ${width} ${drawn.height}`}
      role="group"
      aria-label={label}
      data-layer={layer}
    >
      <PatternDefs prefix={prefix} />
      {drawn.regions.map((r) => {
        const region = regions.get(r.id);
        const value: MapValue = region?.value ?? 'none';
        return (
          <a
            key={r.id}
            href={region?.href}
            className={`map-region${r.id === currentId ? ' is-current' : ''}`}
            aria-label={region?.label ?? r.id}
            aria-current={r.id === currentId ? 'page' : undefined}
            data-region={r.id}
            data-value={value}
            onClick={(event) => open(event, r.id)}
          >
            <path d={r.d} fill={regionFill(prefix, value)} />
          </a>
        );
      })}
      {showIcons && (
        // biome-ignore lint/a11y/noAriaHiddenOnFocusable: the labels repeat the link names as icons; nothing in the group is focusable.
        <g aria-hidden="true">
          {drawn.regions
            .filter((r) => r.area > 120 && Number.isFinite(r.centroid[0]))
            .map((r) => {
              const value: MapValue = regions.get(r.id)?.value ?? 'none';
              return (
                <text
                  key={`label-${r.id}`}
                  className="map-label"
                  x={r.centroid[0]}
                  y={r.centroid[1]}
                  textAnchor="middle"
                  dominantBaseline="central"
                  fill={styleOf(value).text}
                >
                  {styleOf(value).icon}
                </text>
              );
            })}
        </g>
      )}
    </svg>
  );
}

export default ChoroplethMap;
