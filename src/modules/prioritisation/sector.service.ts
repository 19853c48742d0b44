import {
  SECTOR_CATEGORIES,
  SECTOR_CATEGORY_LABELS,
  type SectorCategory,
  sectorCategory,
  suppressSmall,
} from '../../core/prioritisation/index.js';
import type { SignalClass } from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { geographyName } from '../geographies/geographies.service.js';
import { listOccupationFields } from '../occupations/occupations.service.js';
import { signalSummaries } from '../signals/signal-summaries.js';
import { requireRegionId } from './draft.service.js';
import {
  insertSectorText,
  type SectorTextRow,
  selectSectorText,
  selectSectorTexts,
  selectSettings,
  updateSectorText,
} from './prioritisation.repo.js';
import { type Actor, DECIDERS, publicList, requireRole, stale } from './workflow.service.js';

/**
 * Sector pages (issue 12): per region and occupational field, the region's narrative, the field's estimated
 * retirements within five years and its occupations sorted into the categories regions use (core/prioritisation/
 * sector.ts). Public; counts below 3 are not shown. The class comes from the county's signals in the default round;
 * "strategic" from the region's newest published list, else from its strategic weights (settings).
 */

export interface SectorOccupation {
  ssyk: string;
  name: { sv: string; en: string | null };
  signalClass: SignalClass;
  score: number | null;
  strategic: boolean;
  /** On the region's newest published list. */
  listed: boolean;
  retirements5: { value: number | null; suppressed: boolean };
}

export interface SectorPage {
  region: string;
  regionName: string;
  field: { id: string; sv: string; en: string };
  round: { id: string; label: string; referenceDate: string };
  /** Where "strategic" and "listed" come from: the published list of a year, or the region's settings. */
  strategicFrom: { list: { year: number; version: number } | null };
  narrative: { sv: string; en: string; version: number; updatedAt: string } | null;
  /** Sum of the field's occupations' estimated retirements within 5 years (stored signals), suppressed below 3. */
  retirements5: { value: number | null; suppressed: boolean; occupations: number };
  categories: Array<{
    key: SectorCategory;
    label: { sv: string; en: string };
    occupations: SectorOccupation[];
  }>;
  /** The field's occupations in no category (surplus, paradox, too little evidence), by name. */
  other: SectorOccupation[];
}

export interface SectorIndexEntry {
  id: string;
  sv: string;
  en: string;
  /** Occupations in the five categories; the shortage ones among them. */
  placed: number;
  shortage: number;
  hasNarrative: boolean;
}

const collator = new Intl.Collator('sv');

async function strategicSource(q: Queryable, region: string) {
  const list = await publicList(q, { region });
  if (list) {
    return {
      list: { year: list.year, version: list.version },
      strategic: (ssyk: string) => list.rows.some((r) => r.ssyk === ssyk && r.strategic),
      listed: (ssyk: string) => list.rows.some((r) => r.ssyk === ssyk),
    };
  }
  const settings = await selectSettings(q, region);
  const weights = settings?.strategic ?? {};
  return {
    list: null,
    strategic: (ssyk: string, fieldId: string | null) =>
      (weights[ssyk] ?? (fieldId ? weights[fieldId] : undefined) ?? 0) > 0,
    listed: () => false,
  };
}

async function regionSectors(q: Queryable, region: string) {
  requireRegionId(region);
  const [regionName, summaries, source] = await Promise.all([
    geographyName(q, region),
    signalSummaries(q, { geo: region }),
    strategicSource(q, region),
  ]);
  return { regionName, summaries, source };
}

function placeAll(
  rows: Awaited<ReturnType<typeof signalSummaries>>['signals'],
  source: Awaited<ReturnType<typeof strategicSource>>,
) {
  return rows.map((s) => {
    const strategic = source.strategic(s.ssyk, s.fieldId);
    const occupation: SectorOccupation = {
      ssyk: s.ssyk,
      name: s.label,
      signalClass: s.signalClass,
      score: s.score,
      strategic,
      listed: source.listed(s.ssyk),
      retirements5: suppressSmall(s.retirements5),
    };
    return {
      occupation,
      fieldId: s.fieldId,
      retirements5: s.retirements5,
      category: sectorCategory({ signalClass: s.signalClass, score: s.score, strategic }),
    };
  });
}

/** The fields of a region with how many occupations each places (for the index of sector pages). */
export async function sectorIndex(
  q: Queryable,
  region: string,
): Promise<{ region: string; regionName: string; fields: SectorIndexEntry[] }> {
  const { regionName, summaries, source } = await regionSectors(q, region);
  const texts = new Set((await selectSectorTexts(q, region)).map((t) => t.fieldId));
  const placed = placeAll(summaries.signals, source);
  const fields = Object.entries(summaries.fields)
    .map(([id, name]) => {
      const mine = placed.filter((p) => p.fieldId === id && p.category !== null);
      return {
        id,
        sv: name.sv,
        en: name.en,
        placed: mine.length,
        shortage: mine.filter((p) => p.category !== 'balance').length,
        hasNarrative: texts.has(id),
      };
    })
    .sort((a, b) => collator.compare(a.sv, b.sv));
  return { region, regionName, fields };
}

const narrativeOf = (row: SectorTextRow | undefined) =>
  row
    ? { sv: row.textSv, en: row.textEn, version: row.version, updatedAt: row.updatedAt.toISOString() }
    : null;

/** One sector page (public). An unknown field is 404. */
export async function sectorPage(q: Queryable, region: string, fieldId: string): Promise<SectorPage> {
  const { regionName, summaries, source } = await regionSectors(q, region);
  const name = summaries.fields[fieldId];
  if (!name) throw new AppError('not_found', `Yrkesområdet finns inte: ${fieldId}`, { field: fieldId });
  const placed = placeAll(
    summaries.signals.filter((s) => s.fieldId === fieldId),
    source,
  ).sort((a, b) => collator.compare(a.occupation.name.sv, b.occupation.name.sv));
  const withRetirements = placed.filter((p) => p.retirements5 !== null);
  const total = withRetirements.reduce((n, p) => n + (p.retirements5 ?? 0), 0);
  return {
    region,
    regionName,
    field: { id: fieldId, sv: name.sv, en: name.en },
    round: {
      id: summaries.round.roundId,
      label: summaries.round.label,
      referenceDate: summaries.round.referenceDate,
    },
    strategicFrom: { list: source.list },
    narrative: narrativeOf(await selectSectorText(q, region, fieldId)),
    retirements5: {
      ...suppressSmall(withRetirements.length > 0 ? total : null),
      occupations: withRetirements.length,
    },
    categories: SECTOR_CATEGORIES.map((key) => ({
      key,
      label: SECTOR_CATEGORY_LABELS[key],
      occupations: placed.filter((p) => p.category === key).map((p) => p.occupation),
    })),
    other: placed
      .filter((p) => p.category === null && p.occupation.signalClass !== 'otillrackligt_underlag')
      .map((p) => p.occupation),
  };
}

/** Saves a sector page's narrative (strateg/admin of the region); `version` 0 the first time, else current. */
export async function saveSectorText(
  q: Queryable,
  region: string,
  fieldId: string,
  input: { version: number; textSv: string; textEn: string },
  actor: Actor,
  now: Date,
): Promise<NonNullable<SectorPage['narrative']>> {
  requireRegionId(region);
  requireRole(actor, region, DECIDERS, 'skriva sektorstexter');
  // A stale version is told first (409); a new text's field must exist in the knowledge base (AF's occupational
  // fields), whether or not signals are computed. Both are checked again under the transaction below.
  const seen = await selectSectorText(q, region, fieldId);
  if (input.version !== (seen?.version ?? 0))
    throw stale('Texten', `${region}/${fieldId}`, seen?.version ?? 0);
  if (!seen && !(await listOccupationFields(q)).some((f) => f.id === fieldId))
    throw new AppError('not_found', `Yrkesområdet finns inte: ${fieldId}`, { field: fieldId });
  return withRegion(q, region, async (tx) => {
    const before = await selectSectorText(tx, region, fieldId);
    const current = before?.version ?? 0;
    if (input.version !== current) throw stale('Texten', `${region}/${fieldId}`, current);
    const values = { textSv: input.textSv, textEn: input.textEn };
    if (!before)
      await insertSectorText(tx, { regionId: region, fieldId, ...values, version: 1, updatedAt: now });
    else if (!(await updateSectorText(tx, { regionId: region, fieldId, version: current }, values, now)))
      throw stale('Texten', `${region}/${fieldId}`, current + 1);
    const after = await selectSectorText(tx, region, fieldId);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: region,
        entityType: 'prioritisation_sector_text',
        entityId: `${region}/${fieldId}`,
        action: before ? 'update' : 'create',
        before: before ? { textSv: before.textSv, textEn: before.textEn, version: before.version } : null,
        after: after ? { textSv: after.textSv, textEn: after.textEn, version: after.version } : null,
      },
      now,
    );
    return narrativeOf(after)!;
  });
}
