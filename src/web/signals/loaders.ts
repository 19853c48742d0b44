import type { QueryClient } from '@tanstack/react-query';
import {
  areasQuery,
  boundariesQuery,
  geographiesQuery,
  type MapType,
  methodsQuery,
  occupationProfileQuery,
  occupationQuery,
  occupationsQuery,
  signalDetailQuery,
  signalMapQuery,
  signalRoundsQuery,
  signalsQuery,
} from './api.js';
import { GEO_ID, type SignalMethod } from './search.js';

/**
 * Route loaders of the signal pages: they start every request a page needs at once (in parallel with the page's
 * code), so nothing waits for something else to arrive first. Failures are left to the page, which shows them.
 */

const usable = (geo: string | undefined): geo is string => geo !== undefined && GEO_ID.test(geo);
// Municipalities may show their FA region's signals; the page decides once it knows the region.
const direct = (geo: string): boolean => !geo.startsWith('municipality:');

export function prefetchOverview(
  client: QueryClient,
  search: { geo?: string; round?: string; method?: SignalMethod },
): void {
  void client.prefetchQuery(geographiesQuery);
  void client.prefetchQuery(signalRoundsQuery);
  void client.prefetchQuery(areasQuery);
  if (usable(search.geo) && direct(search.geo)) {
    void client.prefetchQuery(signalsQuery({ geo: search.geo, round: search.round, method: search.method }));
  }
}

export function prefetchOccupation(
  client: QueryClient,
  ssyk: string,
  search: { geo?: string; round?: string; map?: MapType; method?: SignalMethod },
): void {
  void client.prefetchQuery(geographiesQuery);
  void client.prefetchQuery(signalRoundsQuery);
  // The explanation quotes the method's thresholds.
  void client.prefetchQuery(methodsQuery);
  if (!/^\d{4}$/.test(ssyk)) return;
  void client.prefetchQuery(occupationQuery(ssyk));
  const type = search.map ?? 'county';
  void client.prefetchQuery(signalMapQuery({ ssyk, type, round: search.round }));
  void client.prefetchQuery(boundariesQuery(type));
  const geo = usable(search.geo) ? search.geo : 'country:SE';
  void client.prefetchQuery(occupationProfileQuery({ ssyk, geo }));
  if (direct(geo))
    void client.prefetchQuery(signalDetailQuery({ ssyk, geo, round: search.round, method: search.method }));
}

export function prefetchMap(
  client: QueryClient,
  search: { ssyk?: string; field?: string; type?: MapType; round?: string },
): void {
  const type = search.type ?? 'county';
  void client.prefetchQuery(geographiesQuery);
  void client.prefetchQuery(occupationsQuery);
  void client.prefetchQuery(boundariesQuery(type));
  if (search.ssyk)
    void client.prefetchQuery(signalMapQuery({ ssyk: search.ssyk, type, round: search.round }));
}
