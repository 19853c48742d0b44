import {
  type CandidateInput,
  type ComponentWeights,
  type Draft,
  draftPriorities as rankDraft,
} from '../../core/prioritisation/index.js';
import type { DataAge } from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { type GeographyRef, geographyName, overlappingAreas } from '../geographies/geographies.service.js';
import { cachedSignalClasses, signalSummaries } from '../signals/signal-summaries.js';

/** The draft list of a region: the stored signals of the county (and its sub-areas) ranked by the method. */

export interface DraftQuery {
  /** The region, `county:NN`. */
  geo: string;
  /** Signal round (default: the round with the widest coverage for counties). */
  round?: string;
  /** The region's weights and list size (settings); missing → the method's defaults. */
  weights?: Partial<ComponentWeights>;
  listSize?: number;
  /** Strategic weight 0–1 by field id or SSYK code (an occupation's own entry wins over its field's). */
  strategic?: Record<string, number>;
  /**
   * Distinct employers with a recorded need per SSYK in the region (the needs register), or undefined when none is
   * available: the component is then left out of the score.
   */
  employerNeeds?: ReadonlyMap<string, number>;
}

export interface PriorityDraft extends Omit<Draft, 'method'> {
  region: string;
  regionName: string;
  round: string;
  roundInfo: { label: string; referenceDate: string; age: DataAge };
  method: { version: string; hash: string; signal: { version: string; hash: string } };
  /** The sub-areas (FA regions, custom areas) the breadth counts, with whether their signals were available. */
  areas: Array<{ id: string; name: string }>;
  fields: Record<string, { sv: string; en: string }>;
  /**
   * The strategic weights the draft applied (by SSYK code or field id), so a round's stored draft shows where an
   * occupation's strategic value came from even after the settings change. Absent in rounds opened before it was kept.
   */
  strategic?: Record<string, number>;
}

/** Checks that a geography id names a region (a county): the list is a regional decision. */
export function requireRegionId(geo: string): string {
  if (!/^county:\d{2}$/.test(geo)) {
    throw new AppError(
      'validation_failed',
      `En prioriteringslista görs för en region (county:NN), inte "${geo}".`,
      {
        geo,
      },
    );
  }
  return geo;
}

/** A region's name and sub-areas, kept per set of signal runs (they change with an import, which recomputes). */
const regionContexts = new WeakMap<
  object,
  { version: string; byRegion: Map<string, Promise<{ name: string; subAreas: GeographyRef[] }>> }
>();

function regionContext(
  q: Queryable,
  geo: string,
  runsVersion: string,
): Promise<{ name: string; subAreas: GeographyRef[] }> {
  let cache = regionContexts.get(q);
  if (!cache || cache.version !== runsVersion) {
    cache = { version: runsVersion, byRegion: new Map() };
    regionContexts.set(q, cache);
  }
  const hit = cache.byRegion.get(geo);
  if (hit) return hit;
  const read = Promise.all([geographyName(q, geo), overlappingAreas(q, geo)]).then(([name, subAreas]) => ({
    name,
    subAreas,
  }));
  const byRegion = cache.byRegion;
  byRegion.set(geo, read);
  read.catch(() => {
    if (byRegion.get(geo) === read) byRegion.delete(geo);
  });
  return read;
}

/** The draft list for a region from the stored signals (county signal + breadth over its FA regions and areas). */
export async function draftPriorities(q: Queryable, query: DraftQuery): Promise<PriorityDraft> {
  const geo = requireRegionId(query.geo);
  // The light read of the signals module (kept per signal run), not the full list with every indicator.
  const county = await signalSummaries(q, { geo, round: query.round });
  const round = county.round;
  const { name: regionName, subAreas } = await regionContext(q, geo, county.runsVersion);
  // Only sub-areas with signals in the round count (a custom area not yet computed, or a round without FA
  // assessments, adds nothing to the breadth).
  const classes = round.geographyTypes.some((t) => t === 'fa' || t === 'area')
    ? await cachedSignalClasses(q, {
        geographyIds: subAreas.map((a) => a.id),
        round: round.roundId,
        method: round.methodVersion,
      })
    : new Map<string, Map<string, string>>();
  const counted = subAreas.filter((a) => classes.has(a.id));
  const shortageIn = new Map<string, number>();
  for (const a of counted) {
    for (const [ssyk, cls] of classes.get(a.id) ?? []) {
      if (cls === 'brist') shortageIn.set(ssyk, (shortageIn.get(ssyk) ?? 0) + 1);
    }
  }
  const strategic = query.strategic ?? {};
  const candidates: CandidateInput[] = county.signals.map((s) => {
    const fieldId = s.fieldId;
    const employees = s.employees;
    const retirements5 = s.retirements5;
    return {
      ssyk: s.ssyk,
      name: s.label.sv,
      seqfBand: s.seqf,
      fieldId,
      field: fieldId ? (county.fields[fieldId]?.sv ?? null) : null,
      signalClass: s.signalClass,
      signalScore: s.score,
      confidence: s.confidence,
      watch: s.watch,
      employees,
      retirements5,
      retirementShare5: employees && retirements5 !== null ? retirements5 / employees : null,
      employmentChange: s.employmentChange,
      employerNeeds: query.employerNeeds ? (query.employerNeeds.get(s.ssyk) ?? 0) : null,
      breadth: counted.length > 0 ? { shortage: shortageIn.get(s.ssyk) ?? 0, areas: counted.length } : null,
      strategic: strategic[s.ssyk] ?? (fieldId ? strategic[fieldId] : undefined) ?? 0,
    };
  });
  const draft = rankDraft(candidates, { weights: query.weights, listSize: query.listSize });
  return {
    region: geo,
    regionName,
    round: round.roundId,
    roundInfo: { label: round.label, referenceDate: round.referenceDate, age: round.age },
    method: { ...draft.method, signal: { version: round.methodVersion, hash: round.methodHash } },
    weights: draft.weights,
    listSize: draft.listSize,
    areas: counted.map((a) => ({ id: a.id, name: a.name })),
    fields: county.fields,
    strategic: { ...strategic },
    rows: draft.rows,
    apart: draft.apart,
  };
}
