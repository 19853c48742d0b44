import { queryOptions } from '@tanstack/react-query';
import type { GapReport, YhRoundReport } from '../../modules/education/education-gaps.service.js';
import { apiGet, type Json } from '../api.js';

/** Typed queries of the education pages (types from the server, type-only). */

export type GapReportJson = Json<GapReport>;
export type GapRowJson = GapReportJson['rows'][number];
export type YhRoundJson = Json<YhRoundReport>;

export const gapsQuery = (geo: string, round?: string) =>
  queryOptions({
    queryKey: ['education', 'gaps', geo, round ?? ''],
    queryFn: ({ signal }) =>
      apiGet<GapReportJson>(
        `/api/education/gaps?geo=${encodeURIComponent(geo)}${round ? `&round=${encodeURIComponent(round)}` : ''}`,
        { signal },
      ),
  });

export const yhRoundQuery = (geo: string, year: number) =>
  queryOptions({
    queryKey: ['education', 'yh-round', geo, year],
    queryFn: ({ signal }) =>
      apiGet<YhRoundJson>(`/api/education/yh-round?geo=${encodeURIComponent(geo)}&year=${year}`, { signal }),
  });

/** Download link of the YH evidence pack. */
export function evidenceHref(
  geo: string,
  ssyk: readonly string[],
  format: 'pdf' | 'docx',
  lang = 'sv',
): string {
  return `/api/education/evidence-pack?geo=${encodeURIComponent(geo)}&ssyk=${ssyk.join(',')}&format=${format}&lang=${lang}`;
}
