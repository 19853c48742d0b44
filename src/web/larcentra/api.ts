import { queryOptions } from '@tanstack/react-query';
import type { MultiPolygon, Polygon } from 'geojson';
import type { ServiceCode } from '../../core/learning-centres/services.js';
import type { CentreView } from '../../modules/learning-centres/learning-centres.service.js';
import type { ReachReport } from '../../modules/learning-centres/reach.service.js';
import { apiGet, type Json } from '../api.js';

/** Queries of the learning-centre pages (types from the server code, type-only). */

export type CentreJson = Json<CentreView>;
export type ReachJson = Json<ReachReport>;

export interface CentreListJson {
  centres: CentreJson[];
  importedAt: string | null;
}

export interface CentreListFilter {
  geo?: string;
  services: ServiceCode[];
  evenings?: boolean;
  weekends?: boolean;
}

/** The query string of a list filter (also used for the export links). */
export function centreListQueryString(filter: CentreListFilter): string {
  const params = new URLSearchParams();
  if (filter.geo) params.set('geo', filter.geo);
  if (filter.services.length > 0) params.set('service', filter.services.join(','));
  if (filter.evenings) params.set('evenings', 'true');
  if (filter.weekends) params.set('weekends', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const centreListQuery = (filter: CentreListFilter) =>
  queryOptions({
    queryKey: ['learning-centres', filter],
    queryFn: ({ signal }) =>
      apiGet<CentreListJson>(`/api/learning-centres${centreListQueryString(filter)}`, { signal }),
  });

export const centreQuery = (id: string) =>
  queryOptions({
    queryKey: ['learning-centre', id],
    queryFn: ({ signal }) =>
      apiGet<CentreJson>(`/api/learning-centres/${encodeURIComponent(id)}`, { signal }),
  });

export interface ReachParams {
  geo: string;
  points: 'postal' | 'places';
  includePlanned: boolean;
}

export const reachQuery = (params: ReachParams) =>
  queryOptions({
    queryKey: ['learning-centres-reach', params],
    queryFn: ({ signal }) =>
      apiGet<ReachJson>(
        `/api/learning-centres/reach?geo=${encodeURIComponent(params.geo)}&points=${params.points}&includePlanned=${params.includePlanned}`,
        { signal },
      ),
  });

/** Geographies for the area picker and map (from the geographies API). */
export interface GeographySummaryJson {
  id: string;
  type: string;
  code: string;
  name: string;
  shortName: string;
  parentId: string | null;
}

export interface GeographyDetailJson extends GeographySummaryJson {
  members: Array<{ id: string; code: string; name: string | null; shortName: string | null }>;
}

export const countiesQuery = queryOptions({
  queryKey: ['geographies', 'county'],
  queryFn: ({ signal }) =>
    apiGet<{ geographies: GeographySummaryJson[] }>('/api/geographies?type=county', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

export const geographyQuery = (id: string) =>
  queryOptions({
    queryKey: ['geography', id],
    queryFn: ({ signal }) =>
      apiGet<GeographyDetailJson>(`/api/geographies/${encodeURIComponent(id)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export interface BoundaryFeatureJson {
  type: 'Feature';
  id: string;
  properties: { id: string; code: string; name: string; shortName: string };
  geometry: Polygon | MultiPolygon;
}

export interface BoundaryLayerJson {
  type: 'FeatureCollection';
  features: BoundaryFeatureJson[];
}

export const boundariesQuery = (type: 'county' | 'municipality') =>
  queryOptions({
    queryKey: ['boundaries', type],
    queryFn: ({ signal }) =>
      apiGet<BoundaryLayerJson>(`/api/geographies/boundaries?type=${type}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
