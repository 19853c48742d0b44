import {
  computeGaps,
  type GapOccupation,
  type GapOffer,
  type GapRow,
} from '../../core/education-gaps/gaps.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { resolveMunicipalityCodes } from '../geographies/geographies.service.js';
import { listSignals } from '../signals/signal-list.service.js';
import {
  applicationOverrides,
  educationDataVersion,
  keyBySun,
  labourMarketAreas,
  municipalitiesWithCentreSupport,
  offerCatalogue,
  regionOf,
  yhApplicationsOf,
} from './education.service.js';

/**
 * The gap analysis and the YH round view of a region. Which occupations: the region's priority list when one is
 * passed in (published or draft, from the prioritisation module), else the occupations the signals class as
 * shortage (`brist`) or `paradox` in the round.
 */

/** A row of a priority list as the prioritisation module gives it (publishedPriorities/draftPriorities). */
export interface PriorityRow {
  ssyk: string;
  name: string;
  seqfBand: '4' | '5-6' | '6-8' | string;
  field?: string | null;
}

export interface PriorityList {
  /** 'published' or 'draft'. */
  status: 'published' | 'draft';
  year: number | null;
  version?: number | null;
  rows: readonly PriorityRow[];
}

export type GapBasis = 'published_priorities' | 'draft_priorities' | 'signals';

export interface GapReport {
  geography: { id: string; municipalities: number };
  round: { roundId: string; label: string };
  basis: GapBasis;
  priorityYear: number | null;
  rows: Array<GapRow & { priority: boolean }>;
}

export interface GapQuery {
  geo: string;
  round?: string;
  /** The region's priority list (seam for the prioritisation module); null/absent → the signals decide. */
  priorities?: PriorityList | null;
  /** People needed per SSYK-4 in the geography (needs module's publicNeedCounts); absent → unknown. */
  employerNeeds?: ReadonlyMap<string, number> | null;
}

const SHORTAGE_CLASSES = new Set(['brist', 'paradox']);

/** Static geography inputs per database, kept until geo or learning centres are re-imported. */
const geoCache = new WeakMap<object, { version: string; value: Promise<GeoInputs> }>();
interface GeoInputs {
  areaOf: Map<string, Set<string>>;
  supported: Set<string>;
}

async function geoInputs(q: Queryable, version: string): Promise<GeoInputs> {
  const cached = geoCache.get(q);
  if (cached && cached.version === version) return cached.value;
  const value = (async () => {
    const areaOf = await labourMarketAreas(q);
    const all = await resolveMunicipalityCodes(q, 'country:SE');
    const supported = await municipalitiesWithCentreSupport(q, all).catch(() => new Set<string>());
    return { areaOf, supported };
  })();
  geoCache.set(q, { version, value });
  value.catch(() => {
    if (geoCache.get(q)?.value === value) geoCache.delete(q);
  });
  return value;
}

/** The offers as the gap rules see them, per catalogue list (regions without own mappings share one list). */
const gapOffersOf = new WeakMap<readonly unknown[], GapOffer[]>();

/** Gap rows for a geography (see src/core/education-gaps). */
export async function educationGaps(q: Queryable, query: GapQuery): Promise<GapReport> {
  const version = await educationDataVersion(q);
  const [members, signals, geo, regionId] = await Promise.all([
    resolveMunicipalityCodes(q, query.geo),
    listSignals(q, { geo: query.geo, round: query.round }),
    geoInputs(q, version.geo),
    regionOf(q, query.geo),
  ]);
  const catalogue = await offerCatalogue(q, regionId, version);
  const bySsyk = new Map(signals.signals.map((s) => [s.ssyk, s]));
  const priorities = query.priorities?.rows ?? null;
  const chosen: Array<{ ssyk: string; name: string; seqfBand: string | null; priority: boolean }> = priorities
    ? priorities.map((p) => ({ ssyk: p.ssyk, name: p.name, seqfBand: p.seqfBand, priority: true }))
    : signals.signals
        .filter((s) => SHORTAGE_CLASSES.has(s.signalClass))
        .map((s) => ({ ssyk: s.ssyk, name: s.label.sv, seqfBand: s.seqf, priority: false }));
  const occupations: GapOccupation[] = chosen.map((c) => {
    const s = bySsyk.get(c.ssyk);
    return {
      ssyk: c.ssyk,
      name: c.name,
      seqfBand: c.seqfBand ?? s?.seqf ?? null,
      signalClass: s?.signalClass ?? 'otillrackligt_underlag',
      retirements5: s?.retirements ? s.retirements.within5 : null,
      employerNeeds: query.employerNeeds ? (query.employerNeeds.get(c.ssyk) ?? 0) : null,
    };
  });
  let offers = gapOffersOf.get(catalogue.offers);
  if (!offers) {
    offers = catalogue.offers.map((o) => ({
      id: o.id,
      municipalityCodes: o.municipalities.map((m) => m.code),
      distance: o.distance,
      places: o.places,
      ssyk: o.occupations.map((x) => x.ssyk),
    }));
    gapOffersOf.set(catalogue.offers, offers);
  }
  const areaOf = new Map<string, Set<string>>();
  for (const m of members) areaOf.set(m, geo.areaOf.get(m) ?? new Set([m]));
  const rows = computeGaps(occupations, offers, {
    municipalities: members,
    areaOf,
    supportedByCentre: geo.supported,
  });
  const priority = new Set(chosen.filter((c) => c.priority).map((c) => c.ssyk));
  return {
    geography: { id: query.geo, municipalities: members.length },
    round: { roundId: signals.round.roundId, label: signals.round.label },
    basis: query.priorities
      ? query.priorities.status === 'published'
        ? 'published_priorities'
        : 'draft_priorities'
      : 'signals',
    priorityYear: query.priorities?.year ?? null,
    rows: rows.map((r) => ({ ...r, priority: priority.has(r.ssyk) })),
  };
}

/** SeQF bands YH applies to: 5–6, and 4 where a YH programme exists at that level. */
const YH_BANDS = new Set(['5-6', '4']);

export interface YhRoundRow {
  ssyk: string;
  name: string;
  seqfBand: string | null;
  signalClass: string | null;
  applications: Array<{
    id: string;
    name: string;
    provider: string;
    decision: 'granted' | 'rejected';
    seqf: number | null;
    studyForm: string;
    placesApplied: number | null;
    placesGranted: number | null;
    inRegion: boolean;
  }>;
  granted: number;
  rejected: number;
}

export interface YhRoundReport {
  geography: { id: string };
  year: number;
  basis: GapBasis;
  /** Prioritised occupations at SeQF 5–6 (and 4) with the applications that concern them. */
  rows: YhRoundRow[];
  /** The same occupations without any application in the round. */
  withoutApplication: Array<{ ssyk: string; name: string; seqfBand: string | null }>;
  applicationsInRegion: { total: number; granted: number; unmapped: number };
}

/**
 * Strategic YH needs against the round's applications: per prioritised occupation at SeQF 5–6 (and 4), the
 * applications mapped to it through the SUN key, in the region or at distance, and whether MYH granted them.
 */
export async function yhRound(
  q: Queryable,
  query: { geo: string; year?: number; round?: string; priorities?: PriorityList | null },
): Promise<YhRoundReport> {
  const year = query.year ?? 2024;
  const [members, applications, bySun, signals, overrides] = await Promise.all([
    resolveMunicipalityCodes(q, query.geo),
    yhApplicationsOf(q, year),
    keyBySun(q),
    listSignals(q, { geo: query.geo, round: query.round }),
    regionOf(q, query.geo).then((region) => applicationOverrides(q, region)),
  ]);
  if (applications.length === 0) {
    throw new AppError(
      'not_found',
      `Ingen YH-ansökningsomgång ${year} är importerad (semafor import myh-ansokningar)`,
    );
  }
  const region = new Set(members);
  const bySsyk = new Map(signals.signals.map((s) => [s.ssyk, s]));
  const chosen = query.priorities
    ? query.priorities.rows.map((p) => ({
        ssyk: p.ssyk,
        name: p.name,
        seqfBand: p.seqfBand as string | null,
      }))
    : signals.signals
        .filter((s) => SHORTAGE_CLASSES.has(s.signalClass))
        .map((s) => ({ ssyk: s.ssyk, name: s.label.sv, seqfBand: s.seqf }));
  const yhLevel = chosen.filter((c) => c.seqfBand !== null && YH_BANDS.has(c.seqfBand));
  // AF's key by SUN code, then the region's own decisions on single applications (manual mappings, audited).
  const mapped = applications.map((a) => {
    const ssyk = new Set(bySun.get(a.sun4) ?? []);
    const own = overrides.get(a.id);
    for (const s of own?.remove ?? []) ssyk.delete(s);
    for (const s of own?.add ?? []) ssyk.add(s);
    return { application: a, ssyk, inRegion: a.municipalityCodes.some((c) => region.has(c)) };
  });
  const relevant = mapped.filter((m) => m.inRegion || m.application.studyForm === 'distance');
  const rows: YhRoundRow[] = [];
  const withoutApplication: YhRoundReport['withoutApplication'] = [];
  for (const c of yhLevel) {
    const list = relevant.filter((m) => m.ssyk.has(c.ssyk));
    if (list.length === 0) {
      withoutApplication.push(c);
      continue;
    }
    rows.push({
      ...c,
      signalClass: bySsyk.get(c.ssyk)?.signalClass ?? null,
      applications: list
        .map(({ application: a, inRegion }) => ({
          id: a.id,
          name: a.name,
          provider: a.provider,
          decision: a.decision as 'granted' | 'rejected',
          seqf: a.seqf,
          studyForm: a.studyForm,
          placesApplied: a.placesAppliedTotal,
          placesGranted: a.placesGrantedTotal,
          inRegion,
        }))
        .sort((x, y) => Number(y.inRegion) - Number(x.inRegion) || (x.id < y.id ? -1 : 1)),
      granted: list.filter((m) => m.application.decision === 'granted').length,
      rejected: list.filter((m) => m.application.decision === 'rejected').length,
    });
  }
  const inRegion = mapped.filter((m) => m.inRegion);
  return {
    geography: { id: query.geo },
    year,
    basis: query.priorities
      ? query.priorities.status === 'published'
        ? 'published_priorities'
        : 'draft_priorities'
      : 'signals',
    rows,
    withoutApplication,
    applicationsInRegion: {
      total: inRegion.length,
      granted: inRegion.filter((m) => m.application.decision === 'granted').length,
      unmapped: inRegion.filter((m) => m.ssyk.size === 0).length,
    },
  };
}
