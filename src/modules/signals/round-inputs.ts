import {
  aggregateIndicators,
  evidenceKinds,
  type Indicator,
  type IndicatorKind,
  type MethodDefinition,
  mayHaveSufficientEvidence,
  type Outlook,
  type OutlookInput,
  type SignalInput,
  scoresEmployerNeeds,
} from '../../core/signals/index.js';
import type { GeoInfo, KnowledgeBase } from './knowledge-base.js';
import { type RoundData, roundData, type SignalRound } from './round-data.js';
import { type AgeShareCache, countyShares, scbPart } from './scb-indicators.js';

/**
 * The builder: the method's input for every occupation × geography of one round, from the round's AF data (see
 * round-data.ts) and SCB's indicators (scb-indicators.ts). No I/O: the service loads, this assembles, the core
 * computes.
 */

export interface BuiltInput {
  input: SignalInput;
  geographyType: string;
}

export interface RoundInputOptions {
  onlyAssessed?: boolean;
  ssyk?: string;
  geographyId?: string;
  /** Geography types the round covers, when the knowledge base holds only part of the round (one occupation). */
  levels?: string[];
}

/** The indicator kinds built from SCB's register (the rest come from AF's assessments of the round). */
const SCB_KINDS: readonly IndicatorKind[] = ['employment_change', 'share_55_plus'];

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** A geography's AF part for one occupation: its indicators, outlook inputs and (for areas) member coverage. */
interface AfPart {
  af: Indicator[];
  outlook: OutlookInput[];
  members?: SignalInput['members'];
}

/** Everything the builder works out once per round (and caches per occupation), passed explicitly. */
interface Build {
  kb: KnowledgeBase;
  round: SignalRound;
  method: MethodDefinition;
  data: RoundData;
  referenceYear: number;
  /** The round measures counties or finer (then counties, FA regions and areas are computed too). */
  local: boolean;
  country: GeoInfo | undefined;
  countyIds: string[];
  faIds: string[];
  countyPopulation: Map<string, number>;
  /** Occupations the round assessed anywhere: the others have no AF indicator to aggregate in any geography. */
  assessed: Set<string>;
  /** Five-year index values per occupation (forecast rounds). */
  fiveYear: Map<string, number[]>;
  latestEmployment: Map<string, Map<string, number>>;
  countryParts: Map<string, AfPart>;
  shares: Map<string, Array<[string, number]>>;
  ages: AgeShareCache;
}

function startBuild(
  kb: KnowledgeBase,
  round: SignalRound,
  method: MethodDefinition,
  levels: string[],
): Build {
  const data = roundData(kb, round, method);
  for (const level of levels) if (level !== 'area') data.levels.add(level);
  const countyPopulation = new Map<string, number>();
  for (const [code, county] of kb.municipalityCounty) {
    countyPopulation.set(county, (countyPopulation.get(county) ?? 0) + (kb.population.get(code) ?? 0));
  }
  const assessed = new Set<string>();
  for (const bySsyk of data.indicators.values()) for (const ssyk of bySsyk.keys()) assessed.add(ssyk);
  const fiveYear = new Map<string, number[]>();
  if (round.dataset === 'af-yrkesprognoser/1-ar') {
    for (const f of kb.forecast) {
      if (f.roundId !== round.id || f.horizonYears !== 5 || f.indexValue === null) continue;
      const list = fiveYear.get(f.ssykCode);
      if (list) list.push(f.indexValue);
      else fiveYear.set(f.ssykCode, [f.indexValue]);
    }
  }
  const geos = [...kb.geos.values()];
  return {
    kb,
    round,
    method,
    data,
    referenceYear: Math.min(Number(round.referenceDate.slice(0, 4)), Math.max(...kb.scbYears, 0)),
    local: data.levels.has('county') || data.levels.has('fa') || data.levels.has('municipality'),
    country: geos.find((g) => g.type === 'country'),
    countyIds: geos.filter((g) => g.type === 'county').map((g) => g.id),
    faIds: geos.filter((g) => g.type === 'fa').map((g) => g.id),
    countyPopulation,
    assessed,
    fiveYear,
    latestEmployment: new Map(),
    countryParts: new Map(),
    shares: new Map(),
    ages: new Map(),
  };
}

/**
 * Employees of an occupation in a county in the latest year up to the reference year (a weight; asked for every
 * member municipality of every area, so worked out once per occupation).
 */
function countyEmployment(b: Build, ssyk: string, county: string): number | undefined {
  let byCounty = b.latestEmployment.get(ssyk);
  if (!byCounty) {
    byCounty = new Map();
    for (const [id, byYear] of b.kb.employees.get(ssyk) ?? []) {
      let latest = -1;
      for (const year of byYear.keys()) if (year <= b.referenceYear && year > latest) latest = year;
      const v = byYear.get(latest);
      if (v) byCounty.set(id, v.men + v.women);
    }
    b.latestEmployment.set(ssyk, byCounty);
  }
  return byCounty.get(county);
}

function sharesOf(b: Build, geographyId: string): Array<[string, number]> {
  let s = b.shares.get(geographyId);
  if (!s) {
    s = countyShares(b.kb, geographyId);
    b.shares.set(geographyId, s);
  }
  return s;
}

/** The finest measured geography of the round that contains a municipality. */
function finest(b: Build, code: string): string | undefined {
  const candidates = [
    `municipality:${code}`,
    b.kb.municipalityFa.get(code),
    b.kb.municipalityCounty.get(code),
  ];
  return candidates.find((c): c is string => c !== undefined && b.data.indicators.has(c));
}

function prognosAt(b: Build, geographyId: string, ssyk: string): OutlookInput | undefined {
  return b.data.outlook
    .get(geographyId)
    ?.get(ssyk)
    ?.find((o) => o.kind === 'af_prognos');
}

/** The country: measured directly, or the counties (else FA regions) aggregated by employment in the occupation. */
function countryPart(b: Build, geo: GeoInfo, ssyk: string): AfPart {
  const cached = b.countryParts.get(ssyk);
  if (cached) return cached;
  let part: AfPart = { af: [], outlook: [] };
  const direct = b.data.indicators.get(geo.id)?.get(ssyk);
  if (direct) {
    part = { af: direct, outlook: [...(b.data.outlook.get(geo.id)?.get(ssyk) ?? [])] };
  } else if (b.local && b.assessed.has(ssyk)) {
    const from = b.data.levels.has('county') ? b.countyIds : b.faIds;
    const members = from.map((id) => ({
      id,
      weight: countyEmployment(b, ssyk, id) ?? b.countyPopulation.get(id) ?? 0,
      indicators: b.data.indicators.get(id)?.get(ssyk) ?? [],
      prognos: prognosAt(b, id, ssyk),
    }));
    const aggregated = aggregateIndicators(members, b.method);
    part = {
      af: aggregated.indicators,
      outlook: modeOutlook(members),
      ...(aggregated.indicators.length > 0
        ? { members: { withData: aggregated.withData, without: aggregated.without } }
        : {}),
    };
  }
  b.countryParts.set(ssyk, part);
  return part;
}

/** Any other geography: measured directly, or its member municipalities at the finest measured level. */
function localPart(b: Build, geo: GeoInfo, ssyk: string): AfPart {
  const direct = b.data.indicators.get(geo.id)?.get(ssyk);
  if (direct) return { af: direct, outlook: [...(b.data.outlook.get(geo.id)?.get(ssyk) ?? [])] };
  if (!b.local || !b.assessed.has(ssyk)) return { af: [], outlook: [] };
  const members = (b.kb.members.get(geo.id) ?? []).map((code) => {
    const county = b.kb.municipalityCounty.get(code);
    const countyPop = county ? (b.countyPopulation.get(county) ?? 0) : 0;
    const emp = county ? countyEmployment(b, ssyk, county) : undefined;
    const pop = b.kb.population.get(code) ?? 0;
    const at = finest(b, code);
    return {
      id: `municipality:${code}`,
      weight: emp !== undefined && countyPop > 0 ? (emp * pop) / countyPop : pop,
      indicators: at ? (b.data.indicators.get(at)?.get(ssyk) ?? []) : [],
      prognos: at ? prognosAt(b, at, ssyk) : undefined,
    };
  });
  const aggregated = aggregateIndicators(members, b.method);
  return {
    af: aggregated.indicators,
    outlook: modeOutlook(members),
    ...(members.length > 0
      ? { members: { withData: aggregated.withData, without: aggregated.without } }
      : {}),
  };
}

/**
 * The five-year outlook input of a forecast round: the national five-year index against the national one-year
 * index, which is the country's AF part (worked out on demand, so no geography has to be built before another).
 */
function fiveYearOutlook(b: Build, ssyk: string): OutlookInput | undefined {
  const five = b.fiveYear.get(ssyk);
  if (!five || five.length === 0) return undefined;
  const baseline = b.country
    ? countryPart(b, b.country, ssyk).af.find((i) => i.kind === 'af_index_1y')?.value
    : undefined;
  return {
    kind: 'af_index_5y',
    value: round4(five.reduce((s, v) => s + v, 0) / five.length),
    baseline: typeof baseline === 'number' ? baseline : null,
    sourceId: 'af-yrkesprognoser',
    period: `${b.round.id} (5 år)`,
    asOf: b.round.referenceDate,
    unit: 'index 1–5',
    estimated: false,
    measuredAt: 'country:SE',
  };
}

/** Where the employer needs come from (the needs module's counts of the brokers' records). */
export const NEEDS_SOURCE_ID = 'semafor-arbetsgivarbehov';

/**
 * The employer-signals indicator of a pair, when the method scores needs and any were recorded there in the
 * window. The same for every round: the needs are counted up to the day of the computation, not the round's date
 * (the explanation shows their own period). Suppressed cells carry no counts (see EmployerSignalsIndicator).
 */
export function needsIndicator(kb: KnowledgeBase, geographyId: string, ssyk: string): Indicator | undefined {
  const cell = kb.needs.get(geographyId)?.get(ssyk);
  const window = kb.needsWindow;
  if (!cell || !window) return undefined;
  return {
    kind: 'employer_signals',
    value: cell.suppressed ? null : cell.employers,
    people: cell.suppressed ? null : cell.people,
    latest: cell.suppressed ? null : cell.latest,
    suppressed: cell.suppressed,
    sourceId: NEEDS_SOURCE_ID,
    period: `${window.since}–${window.until}`,
    asOf: window.until,
    unit: 'arbetsgivare',
    estimated: false,
  };
}

/** The geographies a round is computed for, the country first, then by id. */
function roundGeographies(b: Build, geographyId: string | undefined): GeoInfo[] {
  return [...b.kb.geos.values()]
    .filter(
      (g) =>
        g.type === 'country' ||
        (b.local && (g.type === 'county' || g.type === 'fa' || g.type === 'area')) ||
        (g.type === 'municipality' && b.data.levels.has('municipality') && b.data.indicators.has(g.id)),
    )
    .filter((g) => !geographyId || g.id === geographyId)
    .sort((a, b) =>
      a.type === 'country' ? -1 : b.type === 'country' ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
}

/**
 * The occupation × geography inputs of one round, produced lazily one geography at a time (all occupations of it,
 * in SSYK order), so a computation can classify and write them without holding the whole round in memory.
 * Geographies: the country always; counties, FA regions and custom areas when the round measures counties or finer;
 * municipalities only where the round measures them. `geographyId` limits it to one geography.
 */
export function roundInputs(
  kb: KnowledgeBase,
  round: SignalRound,
  method: MethodDefinition,
  options: RoundInputOptions = {},
): { geographies: GeoInfo[]; batches: () => Generator<BuiltInput[]> } {
  const onlyAssessed = options.onlyAssessed === true;
  const withNeeds = scoresEmployerNeeds(method);
  const scbCountsAsEvidence = SCB_KINDS.some((k) => evidenceKinds(method).has(k));
  const b = startBuild(kb, round, method, options.levels ?? []);
  const ssykCodes = options.ssyk ? [options.ssyk] : kb.ssykCodes;
  const wanted = roundGeographies(b, options.geographyId);
  function* batches(): Generator<BuiltInput[]> {
    for (const geo of wanted) {
      const out: BuiltInput[] = [];
      const shares = sharesOf(b, geo.id);
      for (const ssyk of ssykCodes) {
        const part = geo.type === 'country' ? countryPart(b, geo, ssyk) : localPart(b, geo, ssyk);
        // Without any indicator that can make the evidence sufficient (the method's `evidenceKinds`) the class is
        // otillräckligt underlag whatever else is known: such pairs are skipped when only assessed pairs are wanted
        // (the service lists them as the method's `unstoredSignal`). The SCB part is built first only when the
        // method lets one of its indicators count.
        let scb = scbCountsAsEvidence
          ? scbPart(kb, ssyk, geo.id, shares, b.referenceYear, method, b.ages)
          : undefined;
        if (onlyAssessed && !mayHaveSufficientEvidence([...part.af, ...(scb?.indicators ?? [])], method))
          continue;
        scb ??= scbPart(kb, ssyk, geo.id, shares, b.referenceYear, method, b.ages);
        const five = fiveYearOutlook(b, ssyk);
        const needs = withNeeds ? needsIndicator(kb, geo.id, ssyk) : undefined;
        out.push({
          geographyType: geo.type,
          input: {
            ssyk,
            geographyId: geo.id,
            round: round.id,
            referenceDate: round.referenceDate,
            indicators: needs ? [...part.af, ...scb.indicators, needs] : [...part.af, ...scb.indicators],
            outlook: five ? [...part.outlook, five] : part.outlook,
            context: scb.context,
            ...(part.members ? { members: part.members } : {}),
          },
        });
      }
      yield out;
    }
  }
  return { geographies: wanted, batches };
}

/** Every occupation × geography input of one round at once (see roundInputs). */
export function buildRoundInputs(
  kb: KnowledgeBase,
  round: SignalRound,
  method: MethodDefinition,
  options: RoundInputOptions = {},
): { inputs: BuiltInput[]; geographies: GeoInfo[] } {
  const { geographies, batches } = roundInputs(kb, round, method, options);
  const inputs: BuiltInput[] = [];
  for (const batch of batches()) inputs.push(...batch);
  return { inputs, geographies };
}

/** AF's five-year prognos over members: weighted mode (ties → 'oforandrad'). */
function modeOutlook(members: Array<{ weight: number; prognos?: OutlookInput | undefined }>): OutlookInput[] {
  const votes = new Map<Outlook, number>();
  let sample: OutlookInput | undefined;
  for (const m of members) {
    if (m.prognos?.kind !== 'af_prognos') continue;
    sample ??= m.prognos;
    votes.set(m.prognos.value, (votes.get(m.prognos.value) ?? 0) + Math.max(0, m.weight));
  }
  if (sample?.kind !== 'af_prognos') return [];
  const sorted = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const top = sorted[0];
  if (!top) return [];
  const tie = sorted.length > 1 && Math.abs((sorted[1]?.[1] ?? 0) - top[1]) < 1e-9;
  return [{ ...sample, value: tie ? 'oforandrad' : top[0] }];
}
