import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import {
  employerNeedCounts,
  lastTwelveMonths,
  publicNeedCounts,
} from '../employer-needs/need-counts.service.js';
import { draftPriorities, publishedPriorities } from '../prioritisation/prioritisation.service.js';
import type { PriorityList } from './education-gaps.service.js';
import type { NeedCount } from './evidence-pack.service.js';

/**
 * What the gap analysis, the YH view and the evidence pack take from the region's own work: its priority list
 * (the newest published one, else the current draft's proposed occupations) and the brokers' employer needs of the
 * last twelve months. Both are per region (county); a geography below a county uses its county's list.
 */

/** The region (county id) a geography belongs to, when it can be told from the id alone. */
export function regionOfGeography(geo: string): string | null {
  const county = /^county:(\d{2})$/.exec(geo);
  if (county) return geo;
  const municipality = /^municipality:(\d{2})\d{2}$/.exec(geo);
  return municipality ? `county:${municipality[1]}` : null;
}

/** The region's list: published (newest year, newest version) or else the draft's proposed occupations. */
export async function regionPriorityList(
  q: Queryable,
  geo: string,
  round?: string,
): Promise<PriorityList | null> {
  const region = regionOfGeography(geo);
  if (!region) return null;
  const published = await publishedPriorities(q, { region });
  if (published) {
    return { status: 'published', year: published.year, version: published.version, rows: published.rows };
  }
  try {
    const draft = await draftPriorities(q, { geo: region, round });
    const rows = draft.rows
      .filter((r) => r.proposed)
      .map((r) => ({ ssyk: r.ssyk, name: r.name, seqfBand: r.seqfBand, field: r.field }));
    return { status: 'draft', year: null, rows };
  } catch (error) {
    // A round without county signals has no draft: the signals alone then decide what counts as a shortage.
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'validation_failed'))
      return null;
    throw error;
  }
}

/** Employer needs of the last twelve months in the geography, per SSYK-4 (internal counts; the pack suppresses). */
export async function geographyNeedCounts(q: Queryable, geo: string, today: string): Promise<NeedCount[]> {
  const region = regionOfGeography(geo);
  if (!region) return [];
  const rows = await employerNeedCounts(q, { regionId: region, ...lastTwelveMonths(today) });
  return rows
    .filter((r) => r.geoId === geo)
    .map(({ ssyk, employers, people, latest }) => ({ ssyk, employers, people, latest }));
}

/** People needed per SSYK-4 in the geography, where at least three employers stand behind the figure. */
export async function geographyNeededPeople(
  q: Queryable,
  geo: string,
  today: string,
): Promise<Map<string, number>> {
  const region = regionOfGeography(geo);
  if (!region) return new Map();
  const rows = await publicNeedCounts(q, { regionId: region, ...lastTwelveMonths(today) });
  return new Map(
    rows.filter((r) => r.geoId === geo && r.people !== null).map((r) => [r.ssyk, r.people as number]),
  );
}
