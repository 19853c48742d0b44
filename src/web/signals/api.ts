import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { GeographyDetail, GeographyName } from '../../modules/geographies/geographies.service.js';
import type { MethodSummary } from '../../modules/methods/methods.service.js';
import type { OccupationProfile } from '../../modules/occupation-profile/occupation-profile.service.js';
import type { OccupationDetail, OccupationSummary } from '../../modules/occupations/occupations.service.js';
import type {
  ClassOverview,
  FieldName,
  MapEntry,
  RoundInfo,
  SignalDetail,
  SignalList,
  SignalListItem,
} from '../../modules/signals/read-types.js';
import { apiGet, type Json } from '../api.js';
import type { SignalMethod } from './search.js';

/**
 * Query options for the signal pages. Types come from the server code (type-only imports); `Json<T>` turns
 * dates into strings as they arrive. Every page starts its queries in its route loader, so code and data load
 * in parallel.
 */

/** GET /api/signals as it arrives: field names once in `fields`, rows refer to them by `fieldId`. */
export type SignalListJson = Json<SignalList>;
/** A row of the signal list as the pages use it: its field with id and names. */
export type SignalRow = Omit<Json<SignalListItem>, 'fieldId'> & {
  field: ({ id: string } & FieldName) | null;
};
/** The signal list as the pages use it (see `expandSignalList`). */
export type SignalListData = Omit<SignalListJson, 'fields' | 'signals'> & { signals: SignalRow[] };
export type SignalDetailJson = Json<SignalDetail>;
export type RoundJson = Json<RoundInfo>;
export type MapEntryJson = Json<MapEntry>;
/** A geography as the signal pages know it: names, type and parent (GET /api/geographies/names). */
export type GeographyJson = Json<GeographyName>;
export type GeographyDetailJson = Json<GeographyDetail>;
export type OccupationJson = Json<OccupationDetail>;
export type OccupationSummaryJson = Json<OccupationSummary>;
export type OccupationProfileJson = Json<OccupationProfile>;
export type MapType = 'county' | 'fa' | 'municipality';

export interface SignalMapJson {
  ssyk: string;
  type: string;
  round: RoundJson;
  entries: MapEntryJson[];
}

/** A query string from defined values only, in a fixed order so cache keys and URLs are stable. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Every geography (country, counties, FA regions, municipalities, custom areas) by name, for the area picker and
 * headings: the names list, not /api/geographies with coordinates and population (6 instead of 17 KB on the
 * first view of every signal page).
 */
export const geographiesQuery = queryOptions({
  queryKey: ['geographies', 'names'],
  queryFn: ({ signal }) => apiGet<{ geographies: GeographyJson[] }>('/api/geographies/names', { signal }),
  staleTime: 10 * 60_000,
});

export const geographyQuery = (id: string) =>
  queryOptions({
    queryKey: ['geography', id],
    queryFn: ({ signal }) =>
      apiGet<GeographyDetailJson>(`/api/geographies/${encodeURIComponent(id)}`, { signal }),
    staleTime: 10 * 60_000,
  });

/** Resolves each row's `fieldId` to its field (one shared object per field), so pages read `row.field`. */
export function expandSignalList(list: SignalListJson): SignalListData {
  const { fields, signals, ...rest } = list;
  const byId = new Map(Object.entries(fields).map(([id, name]) => [id, { id, ...name }]));
  return {
    ...rest,
    signals: signals.map(({ fieldId, ...row }) => ({
      ...row,
      field: fieldId === null ? null : (byId.get(fieldId) ?? { id: fieldId, sv: fieldId, en: fieldId }),
    })),
  };
}

/** The method to send to the API: undefined for the default (v1). */
export function nonDefault(method: SignalMethod | undefined): SignalMethod | undefined {
  return method === 'v1' ? undefined : method;
}

/** The whole signal list of one geography and round: one call; pages filter and sort it in the browser. */
// `method` is sent only when it is not the default (v1), so v1 URLs and cache keys stay as they were.
export const signalsQuery = (params: { geo: string; round?: string; method?: SignalMethod }) =>
  queryOptions({
    queryKey: ['signals', params.geo, params.round ?? '', nonDefault(params.method) ?? ''],
    queryFn: async ({ signal }) =>
      expandSignalList(
        await apiGet<SignalListJson>(
          `/api/signals${queryString({ geo: params.geo, round: params.round, method: nonDefault(params.method) })}`,
          { signal },
        ),
      ),
    placeholderData: keepPreviousData,
  });

export const signalDetailQuery = (params: {
  ssyk: string;
  geo: string;
  round?: string;
  method?: SignalMethod;
}) =>
  queryOptions({
    queryKey: ['signal', params.ssyk, params.geo, params.round ?? '', nonDefault(params.method) ?? ''],
    queryFn: ({ signal }) =>
      apiGet<SignalDetailJson>(
        `/api/signals/${encodeURIComponent(params.ssyk)}${queryString({ geo: params.geo, round: params.round, method: nonDefault(params.method) })}`,
        { signal },
      ),
  });

export const signalMapQuery = (params: { ssyk: string; type: MapType; round?: string }) =>
  queryOptions({
    queryKey: ['signal-map', params.ssyk, params.type, params.round ?? ''],
    queryFn: ({ signal }) =>
      apiGet<SignalMapJson>(
        `/api/signals/${encodeURIComponent(params.ssyk)}/map${queryString({ type: params.type, round: params.round })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

/** The stored boundaries of one layer as TopoJSON (small, cached by the browser with its ETag). */
export const boundariesQuery = (type: MapType) =>
  queryOptions({
    queryKey: ['boundaries', type],
    queryFn: ({ signal }) =>
      apiGet<unknown>(`/api/geographies/boundaries?type=${type}&format=topojson`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const occupationQuery = (ssyk: string) =>
  queryOptions({
    queryKey: ['occupation', ssyk],
    queryFn: ({ signal }) =>
      apiGet<OccupationJson>(`/api/occupations/${encodeURIComponent(ssyk)}`, { signal }),
    staleTime: 10 * 60_000,
  });

export const occupationProfileQuery = (params: { ssyk: string; geo: string }) =>
  queryOptions({
    queryKey: ['occupation-profile', params.ssyk, params.geo],
    queryFn: ({ signal }) =>
      apiGet<OccupationProfileJson>(
        `/api/occupations/${encodeURIComponent(params.ssyk)}/labour-market${queryString({ geo: params.geo })}`,
        { signal },
      ),
  });

/** Every SSYK-4 group (for the occupation picker and the field lists), filtered in the browser. */
export const occupationsQuery = queryOptions({
  queryKey: ['occupations'],
  queryFn: ({ signal }) =>
    apiGet<{ count: number; results: OccupationSummaryJson[] }>('/api/occupations', { signal }),
  staleTime: 10 * 60_000,
});

export const occupationFieldsQuery = queryOptions({
  queryKey: ['occupation-fields'],
  queryFn: ({ signal }) =>
    apiGet<{ fields: Array<{ id: string; nameSv: string; nameEn: string; groupCount: number }> }>(
      '/api/occupation-fields',
      { signal },
    ),
  staleTime: 10 * 60_000,
});

/** Computed signal rounds (newest first), for the round picker and the method page. */
export const signalRoundsQuery = queryOptions({
  queryKey: ['signal-rounds'],
  queryFn: ({ signal }) => apiGet<{ rounds: RoundJson[] }>('/api/signals/rounds', { signal }),
  staleTime: 60_000,
});

export interface AreaJson {
  id: string;
  name: string;
  parentId: string | null;
  members: Array<{ code: string; name: string | null }>;
}

/** Custom labour-market areas with their member municipalities (so the picker finds them by a member's name). */
export const areasQuery = queryOptions({
  queryKey: ['areas'],
  queryFn: ({ signal }) => apiGet<{ areas: AreaJson[] }>('/api/areas', { signal }),
  staleTime: 10 * 60_000,
});

/** The signal method versions with their thresholds, weights and bands (the texts that quote them read them here). */
export const methodsQuery = queryOptions({
  queryKey: ['methods'],
  queryFn: ({ signal }) => apiGet<{ methods: MethodSummary[] }>('/api/methods', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

export type ClassOverviewJson = Json<ClassOverview>;

/** Per county (or FA region): occupations in each class in a round (the map's overview). */
export const classOverviewQuery = (params: { type: 'county' | 'fa'; round?: string }) =>
  queryOptions({
    queryKey: ['signal-overview', params.type, params.round ?? ''],
    queryFn: ({ signal }) =>
      apiGet<ClassOverviewJson>(
        `/api/signals/overview${queryString({ type: params.type, round: params.round })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

/** GET /api/rounds: the loaded rounds and periods per labour-market source (the data page's newest period). */
export const labourMarketRoundsQuery = queryOptions({
  queryKey: ['labour-market-rounds'],
  queryFn: ({ signal }) =>
    apiGet<{ sources: Array<{ sourceId: string; rounds: Array<{ label: string; periodEnd: string }> }> }>(
      '/api/rounds',
      { signal },
    ),
  staleTime: 60_000,
});
