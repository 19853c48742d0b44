import type { MethodDefinition } from './method.js';
import type {
  Indicator,
  IndicatorKind,
  IndicatorProvenance,
  JobOpportunities,
  RecruitmentSituation,
} from './types.js';

/**
 * A member of an area (a municipality, or a county when the area is the country) with its weight and the
 * indicators that reach it. Additive figures (employees in `employment_change`) must already be the member's own
 * part — e.g. a county figure scaled by the municipality's population share — so that sums are right.
 */
export interface AreaMember {
  id: string;
  /** Employment in the occupation when known, else population. */
  weight: number;
  indicators: Indicator[];
}

export interface AggregatedIndicators {
  indicators: Indicator[];
  withData: string[];
  without: string[];
}

type Entry<K extends IndicatorKind> = {
  member: AreaMember;
  weight: number;
  indicator: Extract<Indicator, { kind: K }>;
};

const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits;

function provenance(entries: Array<{ indicator: IndicatorProvenance }>): IndicatorProvenance {
  const unique = (values: string[]): string => [...new Set(values)].join(', ');
  const first = entries[0]!.indicator;
  const measured = new Set(entries.map((e) => e.indicator.measuredAt ?? ''));
  const note = entries.find((e) => e.indicator.note)?.indicator.note;
  return {
    sourceId: unique(entries.map((e) => e.indicator.sourceId)),
    period: unique(entries.map((e) => e.indicator.period)),
    asOf: entries.map((e) => e.indicator.asOf).sort()[0]!,
    unit: first.unit,
    estimated: entries.some((e) => e.indicator.estimated),
    ...(measured.size === 1 && first.measuredAt ? { measuredAt: first.measuredAt } : {}),
    ...(note ? { note } : {}),
  };
}

function normalisedWeights<T extends { weight: number }>(entries: T[]): number[] {
  const total = entries.reduce((s, e) => s + Math.max(0, e.weight), 0);
  return total > 0
    ? entries.map((e) => Math.max(0, e.weight) / total)
    : entries.map(() => 1 / entries.length);
}

function weightedMean(
  entries: Array<{ weight: number; indicator: { value: number | null } }>,
): number | null {
  const usable = entries.filter((e) => e.indicator.value !== null);
  if (usable.length === 0) return null;
  const w = normalisedWeights(usable);
  return usable.reduce((s, e, i) => s + (e.indicator.value ?? 0) * w[i]!, 0);
}

/** Weighted mode; ties go to the value whose score is closest to the weighted mean score, then alphabetically. */
function weightedMode<V extends string>(
  entries: Array<{ weight: number; indicator: { value: V } }>,
  scoreOf: (v: V) => number,
): { value: V; distribution: Partial<Record<V, number>> } {
  const w = normalisedWeights(entries);
  const distribution: Partial<Record<V, number>> = {};
  let meanScore = 0;
  entries.forEach((e, i) => {
    distribution[e.indicator.value] = round((distribution[e.indicator.value] ?? 0) + w[i]!);
    meanScore += scoreOf(e.indicator.value) * w[i]!;
  });
  const values = Object.keys(distribution) as V[];
  values.sort((a, b) => {
    const byShare = (distribution[b] ?? 0) - (distribution[a] ?? 0);
    if (Math.abs(byShare) > 1e-9) return byShare;
    const byScore = Math.abs(scoreOf(a) - meanScore) - Math.abs(scoreOf(b) - meanScore);
    if (Math.abs(byScore) > 1e-9) return byScore;
    return a < b ? -1 : 1;
  });
  return { value: values[0]!, distribution };
}

function categoryScore(method: MethodDefinition, kind: 'af_recruitment' | 'af_job_opportunities') {
  return (v: string): number => {
    const rule = method.indicators[kind];
    return rule.scoring === 'categories' ? (rule.categories[v]?.score ?? 0) : 0;
  };
}

/**
 * Aggregates members' indicators into the area's: categorical values by weighted mode (with the distribution),
 * indices and shares by weighted mean, employee counts by sum. Records which members had data for each
 * indicator and the share of the weight they carry.
 */
export function aggregateIndicators(
  members: readonly AreaMember[],
  method: MethodDefinition,
): AggregatedIndicators {
  const kinds = new Set<IndicatorKind>();
  for (const m of members) for (const i of m.indicators) kinds.add(i.kind);
  const totalWeight = members.reduce((s, m) => s + Math.max(0, m.weight), 0);
  const out: Indicator[] = [];

  const collect = <K extends IndicatorKind>(kind: K): Entry<K>[] => {
    const entries: Entry<K>[] = [];
    for (const member of members) {
      const indicator = member.indicators.find((i) => i.kind === kind) as
        | Extract<Indicator, { kind: K }>
        | undefined;
      if (indicator) entries.push({ member, weight: member.weight, indicator });
    }
    return entries;
  };
  const membersOf = (entries: Array<{ member: AreaMember }>) => {
    const has = new Set(entries.map((e) => e.member.id));
    const covered = entries.reduce((s, e) => s + Math.max(0, e.member.weight), 0);
    return {
      withData: has.size,
      without: members.filter((m) => !has.has(m.id)).map((m) => m.id),
      weightShare: totalWeight > 0 ? round(covered / totalWeight) : round(entries.length / members.length),
    };
  };

  for (const kind of kinds) {
    switch (kind) {
      case 'af_recruitment': {
        const entries = collect('af_recruitment');
        const mode = weightedMode<RecruitmentSituation>(entries, categoryScore(method, kind));
        out.push({ kind, ...provenance(entries), ...mode, members: membersOf(entries) });
        break;
      }
      case 'af_job_opportunities': {
        const entries = collect('af_job_opportunities');
        const mode = weightedMode<JobOpportunities>(entries, categoryScore(method, kind));
        out.push({ kind, ...provenance(entries), ...mode, members: membersOf(entries) });
        break;
      }
      case 'af_index_1y':
      case 'af_local_index':
      case 'share_55_plus': {
        const entries = collect(kind);
        const value = weightedMean(entries);
        if (value === null) break;
        out.push({
          kind,
          ...provenance(entries),
          value: round(value),
          members: membersOf(entries),
        } as Indicator);
        break;
      }
      case 'employment_change': {
        const all = collect('employment_change');
        // Sum members over the most common pair of years, so the change compares the same years everywhere.
        const pairs = new Map<string, number>();
        for (const e of all) {
          const k = `${e.indicator.fromYear}-${e.indicator.toYear}`;
          pairs.set(k, (pairs.get(k) ?? 0) + 1);
        }
        const best = [...pairs.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0]![0];
        const entries = all.filter((e) => `${e.indicator.fromYear}-${e.indicator.toYear}` === best);
        const fromValue = entries.reduce((s, e) => s + e.indicator.fromValue, 0);
        const toValue = entries.reduce((s, e) => s + e.indicator.toValue, 0);
        const first = entries[0]!.indicator;
        const years = first.toYear - first.fromYear;
        if (fromValue <= 0) break;
        out.push({
          kind,
          ...provenance(entries),
          value: round(((toValue / fromValue) ** (1 / years) - 1) * 100),
          fromYear: first.fromYear,
          toYear: first.toYear,
          fromValue: round(fromValue, 1),
          toValue: round(toValue, 1),
          acrossBreak: entries.some((e) => e.indicator.acrossBreak),
          members: membersOf(entries),
        });
        break;
      }
      case 'employer_signals': {
        // Needs are counted per geography by the needs module (distinct employers of the whole area), so this only
        // runs for hand-made members; a suppressed member cannot be added up, so any makes the sum suppressed.
        const entries = collect('employer_signals');
        const suppressed = entries.some((e) => e.indicator.suppressed || e.indicator.value === null);
        const latest =
          entries
            .map((e) => e.indicator.latest ?? '')
            .sort()
            .at(-1) || null;
        out.push({
          kind,
          ...provenance(entries),
          value: suppressed ? null : entries.reduce((s, e) => s + (e.indicator.value ?? 0), 0),
          people: suppressed ? null : entries.reduce((s, e) => s + (e.indicator.people ?? 0), 0),
          latest: suppressed ? null : latest,
          suppressed,
          members: membersOf(entries),
        });
        break;
      }
      case 'education_supply': {
        const entries = collect('education_supply');
        out.push({ kind, ...provenance(entries), value: weightedMean(entries), members: membersOf(entries) });
        break;
      }
    }
  }
  const withData = members.filter((m) => m.indicators.length > 0).map((m) => m.id);
  const without = members.filter((m) => m.indicators.length === 0).map((m) => m.id);
  return { indicators: out, withData, without };
}
