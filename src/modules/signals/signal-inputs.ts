import {
  type AgeGroupCount,
  ageSeriesBreak,
  ageShares,
  aggregateIndicators,
  estimateRetirements,
  evidenceKinds,
  type Indicator,
  type IndicatorKind,
  type JobOpportunities,
  type Localized,
  latestComparableChange,
  type MethodDefinition,
  mayHaveSufficientEvidence,
  type Outlook,
  type OutlookInput,
  type RecruitmentSituation,
  type SeriesBreak,
  type SignalContext,
  type SignalInput,
  scbOccupationRegisterBreaks,
} from '../../core/signals/index.js';

/**
 * Builds the method's inputs for every occupation × geography of one round from the knowledge base loaded by the
 * repo. No I/O: the service loads, this assembles, the core computes.
 */

export interface GeoInfo {
  id: string;
  type: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface KnowledgeBase {
  ssykCodes: string[];
  geos: Map<string, GeoInfo>;
  /** Member municipality codes per geography. */
  members: Map<string, string[]>;
  population: Map<string, number>;
  municipalityCounty: Map<string, string>;
  municipalityFa: Map<string, string>;
  /** ssyk → county id → year → employees (men, women). */
  employees: Map<string, Map<string, Map<number, { men: number; women: number }>>>;
  /** ssyk → year → age groups (national). */
  ages: Map<string, Map<number, AgeGroupCount[]>>;
  scbYears: number[];
  breaks: SeriesBreak[];
  /** Series id per SCB year (for notes). */
  barometer: Array<{
    roundId: string;
    occupationName: string;
    geographyId: string;
    ssykCode: string;
    recruitment: string | null;
    jobOpportunities: string | null;
    outlook: string | null;
  }>;
  forecast: Array<{
    roundId: string;
    horizonYears: number;
    occupationName: string;
    geographyId: string;
    ssykCode: string;
    indexValue: number | null;
  }>;
  faLocal: Array<{
    roundId: string;
    conceptId: string;
    geographyId: string;
    ssykCode: string;
    localIndex: number | null;
  }>;
}

/**
 * The knowledge base as the repo reads it, before indexing: plain rows and JSON text, cheap to hand to a worker
 * thread. SCB series come packed as one text per occupation: rows joined by `;`, fields by `,`
 * (`geographyId,year,men,women` for employees, `year,ageGroup,men,women` for the national age structure).
 */
export interface KnowledgeBaseRows {
  ssykCodes: string[];
  geographies: GeoInfo[];
  members: Array<{ geographyId: string; municipalityCode: string }>;
  population: Array<{ code: string; total: number }>;
  breaks: SeriesBreak[];
  barometer: KnowledgeBase['barometer'];
  forecast: KnowledgeBase['forecast'];
  faLocal: KnowledgeBase['faLocal'];
  employees: Array<{ ssykCode: string; packed: string }>;
  ages: Array<{ ssykCode: string; packed: string }>;
}

/** Indexes the rows of the knowledge base for the method (maps by geography, occupation and year). */
export function assembleKnowledgeBase(rows: KnowledgeBaseRows): KnowledgeBase {
  const geos = new Map<string, GeoInfo>(rows.geographies.map((g) => [g.id, g]));
  const members = new Map<string, string[]>();
  for (const m of rows.members) {
    const list = members.get(m.geographyId);
    if (list) list.push(m.municipalityCode);
    else members.set(m.geographyId, [m.municipalityCode]);
  }
  const municipalityCounty = new Map<string, string>();
  for (const g of rows.geographies)
    if (g.type === 'municipality' && g.parentId) municipalityCounty.set(g.code, g.parentId);
  const municipalityFa = new Map<string, string>();
  for (const g of rows.geographies) {
    if (g.type !== 'fa') continue;
    for (const code of members.get(g.id) ?? []) municipalityFa.set(code, g.id);
  }
  const employees: KnowledgeBase['employees'] = new Map();
  const scbYears = new Set<number>();
  for (const { ssykCode, packed } of rows.employees) {
    const byCounty = new Map<string, Map<number, { men: number; women: number }>>();
    employees.set(ssykCode, byCounty);
    for (const row of packed.split(';')) {
      const [geographyId = '', y, m, w] = row.split(',');
      const year = Number(y);
      const men = Number(m);
      const women = Number(w);
      scbYears.add(year);
      let byYear = byCounty.get(geographyId);
      if (!byYear) {
        byYear = new Map();
        byCounty.set(geographyId, byYear);
      }
      byYear.set(year, { men, women });
    }
  }
  const ages: KnowledgeBase['ages'] = new Map();
  for (const { ssykCode, packed } of rows.ages) {
    const byYear = new Map<number, AgeGroupCount[]>();
    ages.set(ssykCode, byYear);
    for (const row of packed.split(';')) {
      const [y, ageGroup = '', m, w] = row.split(',');
      const year = Number(y);
      const men = Number(m);
      const women = Number(w);
      const list = byYear.get(year);
      if (list) list.push({ ageGroup, employees: men + women });
      else byYear.set(year, [{ ageGroup, employees: men + women }]);
    }
  }
  return {
    ssykCodes: rows.ssykCodes,
    geos,
    members,
    population: new Map(rows.population.map((p) => [p.code, p.total])),
    municipalityCounty,
    municipalityFa,
    employees,
    ages,
    scbYears: [...scbYears].sort((a, b) => a - b),
    breaks: rows.breaks,
    barometer: rows.barometer,
    forecast: rows.forecast,
    faLocal: rows.faLocal,
  };
}

export interface SignalRound {
  id: string;
  label: string;
  /** `<source>/<dataset>` of the assessments that define the round. */
  dataset: 'af-yrkesbarometer/barometer' | 'af-yrkesprognoser/1-ar' | 'af-yrkesprognoser/bedomning';
  referenceDate: string;
}

const RECRUITMENT = new Set<RecruitmentSituation>(['brist', 'balans', 'overskott', 'paradox']);
const JOBS = new Set<JobOpportunities>(['stora', 'medelstora', 'sma']);
const OUTLOOK = new Set<Outlook>(['oka', 'oforandrad', 'minska']);

/** The indicator kinds built from SCB's register (the rest come from AF's assessments of the round). */
const SCB_KINDS: readonly IndicatorKind[] = ['employment_change', 'share_55_plus'];

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Per round: AF indicators and outlook inputs keyed by measured geography and SSYK. */
interface RoundData {
  indicators: Map<string, Map<string, Indicator[]>>;
  outlook: Map<string, Map<string, OutlookInput[]>>;
  /** Geography types the round measures (county, fa, country, municipality). */
  levels: Set<string>;
}

function put<T>(map: Map<string, Map<string, T[]>>, geo: string, ssyk: string, value: T): void {
  let bySsyk = map.get(geo);
  if (!bySsyk) {
    bySsyk = new Map();
    map.set(geo, bySsyk);
  }
  const list = bySsyk.get(ssyk);
  if (list) list.push(value);
  else bySsyk.set(ssyk, [value]);
}

/** Several AF occupations on one SSYK group: combine them (equal weight) and name them in a note. */
function combine(indicators: Indicator[], names: string[], method: MethodDefinition): Indicator[] {
  const kinds = new Set(indicators.map((i) => i.kind));
  if (indicators.length === kinds.size) return indicators;
  const members = indicators.map((indicator, i) => ({ id: `${i}`, weight: 1, indicators: [indicator] }));
  const unique = [...new Set(names)];
  const note: Localized = {
    sv: `Sammanvägt från ${unique.length} AF-yrken: ${unique.join(', ')}.`,
    en: `Combined from ${unique.length} AF occupations: ${unique.join(', ')}.`,
  };
  return aggregateIndicators(members, method).indicators.map((i) => {
    const { members: _dropped, ...rest } = i;
    return { ...rest, note } as Indicator;
  });
}

function geoType(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

export function roundData(kb: KnowledgeBase, round: SignalRound, method: MethodDefinition): RoundData {
  const indicators = new Map<string, Map<string, Indicator[]>>();
  const names = new Map<string, Map<string, string[]>>();
  const outlook = new Map<string, Map<string, OutlookInput[]>>();
  const levels = new Set<string>();
  const asOf = round.referenceDate;
  if (round.dataset === 'af-yrkesbarometer/barometer') {
    for (const r of kb.barometer) {
      if (r.roundId !== round.id) continue;
      const base = { sourceId: 'af-yrkesbarometer', period: round.id, asOf, unit: 'klass', estimated: false };
      let any = false;
      if (r.recruitment && RECRUITMENT.has(r.recruitment as RecruitmentSituation)) {
        put(indicators, r.geographyId, r.ssykCode, {
          kind: 'af_recruitment',
          value: r.recruitment as RecruitmentSituation,
          ...base,
        });
        any = true;
      }
      if (r.jobOpportunities && JOBS.has(r.jobOpportunities as JobOpportunities)) {
        put(indicators, r.geographyId, r.ssykCode, {
          kind: 'af_job_opportunities',
          value: r.jobOpportunities as JobOpportunities,
          ...base,
        });
        any = true;
      }
      if (r.outlook && OUTLOOK.has(r.outlook as Outlook)) {
        put(outlook, r.geographyId, r.ssykCode, {
          kind: 'af_prognos',
          value: r.outlook as Outlook,
          ...base,
          unit: 'riktning',
        });
      }
      if (any) {
        levels.add(geoType(r.geographyId));
        put(names, r.geographyId, r.ssykCode, r.occupationName);
      }
    }
  } else if (round.dataset === 'af-yrkesprognoser/1-ar') {
    for (const r of kb.forecast) {
      if (r.roundId !== round.id || r.horizonYears !== 1 || r.indexValue === null) continue;
      put(indicators, r.geographyId, r.ssykCode, {
        kind: 'af_index_1y',
        value: r.indexValue,
        sourceId: 'af-yrkesprognoser',
        period: round.id,
        asOf,
        unit: 'index 1–5',
        estimated: false,
      });
      put(names, r.geographyId, r.ssykCode, r.occupationName);
      levels.add(geoType(r.geographyId));
    }
  } else {
    for (const r of kb.faLocal) {
      if (r.roundId !== round.id || r.localIndex === null || r.localIndex < 1) continue;
      if (!r.geographyId.startsWith('fa:')) continue;
      put(indicators, r.geographyId, r.ssykCode, {
        kind: 'af_local_index',
        value: r.localIndex,
        sourceId: 'af-yrkesprognoser',
        period: round.id,
        asOf,
        unit: 'index 1–5',
        estimated: false,
      });
      put(names, r.geographyId, r.ssykCode, r.conceptId);
      levels.add('fa');
    }
  }
  for (const [geo, bySsyk] of indicators) {
    for (const [ssyk, list] of bySsyk) {
      bySsyk.set(ssyk, combine(list, names.get(geo)?.get(ssyk) ?? [], method));
    }
  }
  return { indicators, outlook, levels };
}

/** The rounds to compute: every barometer round, every one-year forecast round, FA rounds joined to SSYK. */
export function signalRounds(
  rounds: Array<{
    sourceId: string;
    dataset: string;
    roundId: string;
    label: string;
    periodStart: string;
    periodEnd: string;
    publishedOn: string | null;
  }>,
  kb: Pick<KnowledgeBase, 'faLocal' | 'barometer' | 'forecast'>,
): SignalRound[] {
  const out: SignalRound[] = [];
  for (const r of rounds) {
    const key = `${r.sourceId}/${r.dataset}`;
    if (key === 'af-yrkesbarometer/barometer' && kb.barometer.some((b) => b.roundId === r.roundId)) {
      out.push({ id: r.roundId, label: r.label, dataset: key, referenceDate: r.publishedOn ?? r.periodEnd });
    } else if (
      key === 'af-yrkesprognoser/1-ar' &&
      kb.forecast.some((f) => f.roundId === r.roundId && f.horizonYears === 1)
    ) {
      out.push({ id: r.roundId, label: r.label, dataset: key, referenceDate: r.publishedOn ?? r.periodEnd });
    } else if (key === 'af-yrkesprognoser/bedomning' && kb.faLocal.some((f) => f.roundId === r.roundId)) {
      // The local index describes the file's first (shorter-horizon) year.
      out.push({
        id: r.roundId,
        label: r.label,
        dataset: key,
        referenceDate: `${r.periodStart.slice(0, 4)}-12-31`,
      });
    }
  }
  return out.sort((a, b) =>
    a.referenceDate < b.referenceDate ? -1 : a.referenceDate > b.referenceDate ? 1 : 0,
  );
}

/** Geography → share of each county's population inside it (for scaling county figures to any area). */
export function countyShares(kb: KnowledgeBase, geographyId: string): Array<[string, number]> {
  const geo = kb.geos.get(geographyId);
  if (!geo) return [];
  if (geo.type === 'county') return [[geographyId, 1]];
  if (geo.type === 'country')
    return [...kb.geos.values()].filter((g) => g.type === 'county').map((g) => [g.id, 1]);
  const countyPop = new Map<string, number>();
  for (const [code, county] of kb.municipalityCounty)
    countyPop.set(county, (countyPop.get(county) ?? 0) + (kb.population.get(code) ?? 0));
  const inside = new Map<string, number>();
  for (const code of kb.members.get(geographyId) ?? []) {
    const county = kb.municipalityCounty.get(code);
    if (county) inside.set(county, (inside.get(county) ?? 0) + (kb.population.get(code) ?? 0));
  }
  return [...inside.entries()].map(([county, pop]) => [
    county,
    (countyPop.get(county) ?? 0) > 0 ? pop / (countyPop.get(county) ?? 1) : 0,
  ]);
}

function employmentSeries(
  kb: KnowledgeBase,
  ssyk: string,
  shares: Array<[string, number]>,
): Map<number, { men: number; women: number }> {
  const out = new Map<number, { men: number; women: number }>();
  const byCounty = kb.employees.get(ssyk);
  if (!byCounty) return out;
  for (const [county, share] of shares) {
    for (const [year, v] of byCounty.get(county) ?? []) {
      const cur = out.get(year) ?? { men: 0, women: 0 };
      cur.men += v.men * share;
      cur.women += v.women * share;
      out.set(year, cur);
    }
  }
  return out;
}

/** National age shares per occupation as of a year (cached per round). */
export type AgeShareCache = Map<
  string,
  { year: number; shares: NonNullable<ReturnType<typeof ageShares>> } | null
>;

function agesAsOf(
  kb: KnowledgeBase,
  ssyk: string,
  referenceYear: number,
  method: MethodDefinition,
  cache: AgeShareCache,
) {
  if (cache.has(ssyk)) return cache.get(ssyk) ?? null;
  const byYear = kb.ages.get(ssyk);
  let year: number | undefined;
  for (const y of byYear?.keys() ?? []) if (y <= referenceYear && (year === undefined || y > year)) year = y;
  const groups = year === undefined ? undefined : byYear?.get(year);
  const shares = groups ? ageShares(groups, method) : null;
  const value = shares && year !== undefined ? { year, shares } : null;
  cache.set(ssyk, value);
  return value;
}

/**
 * SCB indicators and context for one occupation in one geography, as of the round's year. Figures of areas other
 * than counties and the country are county figures apportioned by population (flagged `estimated`); the age
 * structure is national (flagged `estimated` below the country).
 */
export function scbPart(
  kb: KnowledgeBase,
  ssyk: string,
  geographyId: string,
  shares: Array<[string, number]>,
  referenceYear: number,
  method: MethodDefinition,
  ageCache: AgeShareCache = new Map(),
): { indicators: Indicator[]; context: SignalContext; employees: number | null } {
  const geo = kb.geos.get(geographyId);
  const scaled = geo?.type !== 'county' && geo?.type !== 'country';
  const series = employmentSeries(kb, ssyk, shares);
  const indicators: Indicator[] = [];
  const context: SignalContext = {};
  const years = [...series.keys()].filter((y) => y <= referenceYear).sort((a, b) => a - b);
  const lastYear = years.at(-1);
  let employees: number | null = null;
  if (lastYear !== undefined) {
    const v = series.get(lastYear)!;
    const total = v.men + v.women;
    employees = total;
    const base = {
      sourceId: 'scb-yrkesregistret',
      period: String(lastYear),
      asOf: `${lastYear}-12-31`,
      estimated: scaled,
    };
    context.employees = { ...base, unit: 'antal', value: Math.round(total), year: lastYear };
    if (total > 0)
      context.shareWomen = { ...base, unit: 'andel', value: round4(v.women / total), year: lastYear };
    const change = latestComparableChange(
      years.map((year) => ({ year, value: (series.get(year)?.men ?? 0) + (series.get(year)?.women ?? 0) })),
      kb.breaks,
      { maxYears: method.employmentChange.maxYears, referenceYear },
    );
    if (change) {
      indicators.push({
        kind: 'employment_change',
        value: round4(change.annualPercent),
        fromYear: change.fromYear,
        toYear: change.toYear,
        fromValue: Math.round(change.fromValue),
        toValue: Math.round(change.toValue),
        acrossBreak: change.acrossBreak,
        sourceId: 'scb-yrkesregistret',
        period: `${change.fromYear}–${change.toYear}`,
        asOf: `${change.toYear}-12-31`,
        unit: '% per år',
        estimated: scaled,
        ...(change.note ? { note: change.note } : {}),
      });
    }
  }
  const age = agesAsOf(kb, ssyk, referenceYear, method, ageCache);
  if (age) {
    const national = geo?.type === 'country';
    const provenance = {
      sourceId: 'scb-yrkesregistret',
      period: String(age.year),
      asOf: `${age.year}-12-31`,
      estimated: !national,
      ...(national ? {} : { measuredAt: 'country:SE' }),
    };
    // Years before SCB counted 65–69 leave that group out of the share and the estimates: flagged and explained.
    const ageBreak = ageSeriesBreak(age.year, method, kb.breaks);
    const marked = ageBreak ? { ageGroupsMissing: ageBreak.groups, note: ageBreak.note } : {};
    indicators.push({
      kind: 'share_55_plus',
      value: round4(age.shares.share55Plus),
      unit: 'andel',
      ...provenance,
      ...marked,
    });
    if (employees !== null) {
      const r = estimateRetirements(employees, age.shares);
      context.retirements = {
        ...provenance,
        estimated: true,
        unit: 'antal',
        year: age.year,
        ...r,
        ...marked,
      };
    }
  }
  return { indicators, context, employees };
}

/** The SCB series breaks of the imported rounds, with English notes and the age groups a break adds. */
export function seriesBreaks(
  rounds: Array<{
    sourceId: string;
    dataset: string;
    roundId: string;
    breakBefore: boolean;
    note: string | null;
  }>,
): SeriesBreak[] {
  const known = new Map(scbOccupationRegisterBreaks.map((b) => [b.firstYear, b]));
  return rounds
    .filter((r) => r.sourceId === 'scb-yrkesregistret' && r.dataset === 'employees' && r.breakBefore)
    .map((r) => {
      const year = Number(r.roundId);
      const note = r.note ?? '';
      const ageGroupsFrom = known.get(year)?.ageGroupsFrom;
      return {
        firstYear: year,
        note: { sv: note, en: known.get(year)?.note.en ?? note },
        ...(ageGroupsFrom ? { ageGroupsFrom } : {}),
      };
    })
    .sort((a, b) => a.firstYear - b.firstYear);
}

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

/**
 * The occupation × geography inputs of one round, produced lazily one geography at a time (all occupations of it,
 * in SSYK order), so a computation can classify and write them without holding the whole round in memory.
 * Geographies: the country always, first (its national index is the baseline of every five-year outlook); then
 * counties, FA regions and custom areas when the round measures counties or finer, and municipalities only where the
 * round measures them, in id order.
 */
export function roundInputs(
  kb: KnowledgeBase,
  round: SignalRound,
  method: MethodDefinition,
  options: RoundInputOptions = {},
): { geographies: GeoInfo[]; batches: () => Generator<BuiltInput[]> } {
  const onlyAssessed = options.onlyAssessed === true;
  const required = evidenceKinds(method);
  const scbCountsAsEvidence = SCB_KINDS.some((k) => required.has(k));
  const data = roundData(kb, round, method);
  for (const level of options.levels ?? []) if (level !== 'area') data.levels.add(level);
  const referenceYear = Math.min(Number(round.referenceDate.slice(0, 4)), Math.max(...kb.scbYears, 0));
  const local = data.levels.has('county') || data.levels.has('fa') || data.levels.has('municipality');
  const targets = [...kb.geos.values()].filter(
    (g) =>
      g.type === 'country' ||
      (local && (g.type === 'county' || g.type === 'fa' || g.type === 'area')) ||
      (g.type === 'municipality' && data.levels.has('municipality') && data.indicators.has(g.id)),
  );
  const shareCache = new Map<string, Array<[string, number]>>();
  const sharesOf = (id: string) => {
    let s = shareCache.get(id);
    if (!s) {
      s = countyShares(kb, id);
      shareCache.set(id, s);
    }
    return s;
  };
  const countyIds = [...kb.geos.values()].filter((g) => g.type === 'county').map((g) => g.id);
  const countyPopulation = new Map<string, number>();
  for (const [code, county] of kb.municipalityCounty) {
    countyPopulation.set(county, (countyPopulation.get(county) ?? 0) + (kb.population.get(code) ?? 0));
  }
  // Employees per county in the latest year up to the reference year, per occupation (weights; asked for every
  // member municipality of every area, so worked out once per occupation).
  const latestEmployment = new Map<string, Map<string, number>>();
  const countyEmployment = (ssyk: string, county: string): number | undefined => {
    let byCounty = latestEmployment.get(ssyk);
    if (!byCounty) {
      byCounty = new Map();
      for (const [id, byYear] of kb.employees.get(ssyk) ?? []) {
        let latest = -1;
        for (const year of byYear.keys()) if (year <= referenceYear && year > latest) latest = year;
        const v = byYear.get(latest);
        if (v) byCounty.set(id, v.men + v.women);
      }
      latestEmployment.set(ssyk, byCounty);
    }
    return byCounty.get(county);
  };

  /** The finest measured geography of the round that contains a municipality. */
  const finest = (code: string): string | undefined => {
    const candidates = [`municipality:${code}`, kb.municipalityFa.get(code), kb.municipalityCounty.get(code)];
    return candidates.find((c): c is string => c !== undefined && data.indicators.has(c));
  };
  const fiveYear = new Map<string, number[]>();
  if (round.dataset === 'af-yrkesprognoser/1-ar') {
    for (const f of kb.forecast) {
      if (f.roundId !== round.id || f.horizonYears !== 5 || f.indexValue === null) continue;
      const list = fiveYear.get(f.ssykCode);
      if (list) list.push(f.indexValue);
      else fiveYear.set(f.ssykCode, [f.indexValue]);
    }
  }
  const ageCache: AgeShareCache = new Map();
  // Occupations the round assessed anywhere: the others have no AF indicator to aggregate in any geography.
  const assessed = new Set<string>();
  for (const bySsyk of data.indicators.values()) for (const ssyk of bySsyk.keys()) assessed.add(ssyk);
  const national1y = new Map<string, number>();
  const ssykCodes = options.ssyk ? [options.ssyk] : kb.ssykCodes;
  const wanted = targets
    .filter((g) => !options.geographyId || g.type === 'country' || g.id === options.geographyId)
    .sort((a, b) =>
      a.type === 'country' ? -1 : b.type === 'country' ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  function* batches(): Generator<BuiltInput[]> {
    for (const geo of wanted) {
      const out: BuiltInput[] = [];
      const shares = sharesOf(geo.id);
      const memberCodes = kb.members.get(geo.id) ?? [];
      for (const ssyk of ssykCodes) {
        let af: Indicator[] = [];
        let outlook: OutlookInput[] = [];
        let members: SignalInput['members'];
        const direct = data.indicators.get(geo.id)?.get(ssyk);
        if (direct) {
          af = direct;
          outlook = data.outlook.get(geo.id)?.get(ssyk) ?? [];
        } else if (geo.type === 'country' && local && assessed.has(ssyk)) {
          const from = data.levels.has('county')
            ? countyIds
            : [...kb.geos.values()].filter((g) => g.type === 'fa').map((g) => g.id);
          const aggregated = aggregateIndicators(
            from.map((id) => ({
              id,
              weight: countyEmployment(ssyk, id) ?? countyPopulation.get(id) ?? 0,
              indicators: data.indicators.get(id)?.get(ssyk) ?? [],
            })),
            method,
          );
          af = aggregated.indicators;
          const outlookMembers = from.map((id) => ({
            id,
            weight: countyEmployment(ssyk, id) ?? countyPopulation.get(id) ?? 0,
            prognos: data.outlook
              .get(id)
              ?.get(ssyk)
              ?.find((o) => o.kind === 'af_prognos'),
          }));
          outlook = modeOutlook(outlookMembers);
          if (af.length > 0) members = { withData: aggregated.withData, without: aggregated.without };
        } else if (geo.type !== 'country' && local && assessed.has(ssyk)) {
          const memberInputs = memberCodes.map((code) => {
            const county = kb.municipalityCounty.get(code);
            const countyPop = county ? (countyPopulation.get(county) ?? 0) : 0;
            const emp = county ? countyEmployment(ssyk, county) : undefined;
            const pop = kb.population.get(code) ?? 0;
            const weight = emp !== undefined && countyPop > 0 ? (emp * pop) / countyPop : pop;
            const at = finest(code);
            return {
              id: `municipality:${code}`,
              weight,
              indicators: at ? (data.indicators.get(at)?.get(ssyk) ?? []) : [],
              prognos: at
                ? data.outlook
                    .get(at)
                    ?.get(ssyk)
                    ?.find((o) => o.kind === 'af_prognos')
                : undefined,
            };
          });
          const aggregated = aggregateIndicators(memberInputs, method);
          af = aggregated.indicators;
          outlook = modeOutlook(memberInputs);
          if (memberInputs.length > 0)
            members = { withData: aggregated.withData, without: aggregated.without };
        }
        // Without any indicator that can make the evidence sufficient (the method's `evidenceKinds`) the class is
        // otillräckligt underlag whatever else is known: such pairs are skipped when only assessed pairs are wanted
        // (the service lists them as the method's `unstoredSignal` without storing them). The SCB part is built
        // first only when the method lets one of its indicators count.
        let scb = scbCountsAsEvidence
          ? scbPart(kb, ssyk, geo.id, shares, referenceYear, method, ageCache)
          : undefined;
        if (onlyAssessed && !mayHaveSufficientEvidence([...af, ...(scb?.indicators ?? [])], method)) continue;
        if (round.dataset === 'af-yrkesprognoser/1-ar') {
          const idx = af.find((i) => i.kind === 'af_index_1y');
          if (geo.type === 'country' && idx) national1y.set(ssyk, idx.value as number);
          const five = fiveYear.get(ssyk);
          if (five && five.length > 0) {
            const value = five.reduce((s, v) => s + v, 0) / five.length;
            outlook.push({
              kind: 'af_index_5y',
              value: round4(value),
              baseline: national1y.get(ssyk) ?? null,
              sourceId: 'af-yrkesprognoser',
              period: `${round.id} (5 år)`,
              asOf: round.referenceDate,
              unit: 'index 1–5',
              estimated: false,
              measuredAt: 'country:SE',
            });
          }
        }
        scb ??= scbPart(kb, ssyk, geo.id, shares, referenceYear, method, ageCache);
        out.push({
          geographyType: geo.type,
          input: {
            ssyk,
            geographyId: geo.id,
            round: round.id,
            referenceDate: round.referenceDate,
            indicators: [...af, ...scb.indicators],
            outlook,
            context: scb.context,
            ...(members ? { members } : {}),
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
  const top = sorted[0]!;
  const tie = sorted.length > 1 && Math.abs(sorted[1]![1] - top[1]) < 1e-9;
  return [{ ...sample, value: tie ? 'oforandrad' : top[0] }];
}
