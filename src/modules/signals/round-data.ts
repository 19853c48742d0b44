import {
  aggregateIndicators,
  type Indicator,
  type JobOpportunities,
  type Localized,
  type MethodDefinition,
  type Outlook,
  type OutlookInput,
  type RecruitmentSituation,
} from '../../core/signals/index.js';
import type { Round } from '../labour-market/labour-market.service.js';
import type { KnowledgeBase } from './knowledge-base.js';

/**
 * The rounds the signals are computed for, and one round's AF assessments as indicators and outlook inputs keyed by
 * the geography they were measured for. No I/O.
 */

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

/** Per round: AF indicators and outlook inputs keyed by measured geography and SSYK. */
export interface RoundData {
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

/** The type of a geography id (`county:21` → county). */
export function geoType(id: string): string {
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
  rounds: ReadonlyArray<
    Pick<Round, 'sourceId' | 'dataset' | 'roundId' | 'label' | 'periodStart' | 'periodEnd' | 'publishedOn'>
  >,
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
