import { longDate } from '../calendar/long-date.js';
import { NEED_SUPPRESSION_THRESHOLD } from '../cases/need-evidence.js';
import type { Band, IndicatorRule, MethodDefinition, WeightBand } from './method.js';
import type { Indicator, KeyIndicator, Localized } from './types.js';

const l = (sv: string, en: string): Localized => ({ sv, en });

/** The band a value falls in: the last band whose `min` ≤ value (values below the first band use the first). */
export function bandFor(bands: readonly Band[], value: number): Band {
  let found = bands[0];
  if (!found) throw new Error('A banded rule needs at least one band');
  for (const band of bands) if (value >= band.min) found = band;
  return found;
}

const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const num = (v: number): Localized => ({ sv: sv.format(v), en: en.format(v) });
const pct = (v: number, digits = 1): Localized => {
  const f = (x: Intl.NumberFormat): string => x.format(Number(v.toFixed(digits)));
  return { sv: `${f(sv)} %`, en: `${f(en)}%` };
};
const signed = (v: number): Localized => {
  const p = pct(v);
  return v > 0 ? { sv: `+${p.sv}`, en: `+${p.en}` } : p;
};

/** The value as people read it, in Swedish and English. */
export function displayValue(indicator: Indicator, rule: IndicatorRule): Localized {
  switch (indicator.kind) {
    case 'af_recruitment':
    case 'af_job_opportunities': {
      const cat = rule.scoring === 'categories' ? rule.categories[indicator.value] : undefined;
      return cat?.label ?? l(indicator.value, indicator.value);
    }
    case 'af_index_1y':
    case 'af_local_index':
      return num(indicator.value);
    case 'employment_change': {
      const c = signed(indicator.value);
      const from = num(indicator.fromValue);
      const to = num(indicator.toValue);
      return {
        sv: `${c.sv} per år (${from.sv} → ${to.sv} anställda, ${indicator.fromYear}–${indicator.toYear})`,
        en: `${c.en} a year (${from.en} → ${to.en} employees, ${indicator.fromYear}–${indicator.toYear})`,
      };
    }
    case 'share_55_plus':
      return pct(indicator.value * 100);
    case 'employer_signals':
      return employerSignalsDisplay(indicator);
    case 'education_supply':
      return indicator.value === null
        ? l('inget underlag ännu', 'no data yet')
        : { sv: `${num(indicator.value).sv} per öppning`, en: `${num(indicator.value).en} per opening` };
  }
}

/**
 * "4 arbetsgivare, 11 personer, senast 3 oktober 2026"; below the threshold only "färre än 3 arbetsgivare" (no
 * people, no date: the date could point at one employer). The explanation puts the label "Arbetsgivarsignaler" first.
 */
export function employerSignalsDisplay(
  indicator: Pick<
    Extract<Indicator, { kind: 'employer_signals' }>,
    'value' | 'people' | 'latest' | 'suppressed'
  >,
): Localized {
  const { value: employers, people, latest } = indicator;
  if (indicator.suppressed || employers === null || employers < NEED_SUPPRESSION_THRESHOLD) {
    return l(
      `färre än ${NEED_SUPPRESSION_THRESHOLD} arbetsgivare`,
      `fewer than ${NEED_SUPPRESSION_THRESHOLD} employers`,
    );
  }
  const n = num(employers);
  const p = people === null ? null : num(people);
  const svPeople = p === null ? '' : `, ${p.sv} ${people === 1 ? 'person' : 'personer'}`;
  const enPeople = p === null ? '' : `, ${p.en} ${people === 1 ? 'person' : 'people'}`;
  const svLatest = latest ? `, senast ${longDate(latest, 'sv')}` : '';
  const enLatest = latest ? `, latest ${longDate(latest, 'en')}` : '';
  return {
    sv: `${n.sv} arbetsgivare${svPeople}${svLatest}`,
    en: `${n.en} employers${enPeople}${enLatest}`,
  };
}

/** The weight a count earns: the last band whose `min` ≤ count (0 below the first). */
function weightFor(bands: readonly WeightBand[], count: number): WeightBand | undefined {
  let found: WeightBand | undefined;
  for (const band of bands) if (count >= band.min) found = band;
  return found;
}

export interface ScoreResult {
  /** 0–3, or null when the indicator is shown but not scored. */
  score: number | null;
  /** The weight this value earns when the rule's weight depends on it (employer counts); else the rule's. */
  weight?: number;
  /** Why (the band or category), or why not scored. */
  reason: Localized;
}

/** The indicators that count in the score (in input order), in short: what a list of signals shows per row. */
export function keyIndicators(indicators: readonly Indicator[], method: MethodDefinition): KeyIndicator[] {
  const out: KeyIndicator[] = [];
  for (const indicator of indicators) {
    const { score } = scoreIndicator(indicator, method);
    if (score === null) continue;
    out.push({
      kind: indicator.kind,
      value: indicator.value,
      score,
      sourceId: indicator.sourceId,
      period: indicator.period,
      estimated: indicator.estimated,
    });
  }
  return out;
}

/** Scores one indicator 0–3 with the method's bands or categories. */
export function scoreIndicator(indicator: Indicator, method: MethodDefinition): ScoreResult {
  const rule = method.indicators[indicator.kind];
  if (rule.scoring === 'slot' || rule.weight <= 0) {
    return {
      score: null,
      reason: l('ingår inte i poängen i denna metodversion', 'not scored in this method version'),
    };
  }
  if (rule.scoring === 'employer_counts') {
    if (indicator.kind !== 'employer_signals') {
      return { score: null, reason: l('fel sorts indikator', 'wrong kind of indicator') };
    }
    const employers = indicator.suppressed ? null : indicator.value;
    if (employers === null || employers < rule.minEmployers) {
      return {
        score: null,
        reason: l(
          `färre än ${rule.minEmployers} arbetsgivare räknas inte som en signal`,
          `fewer than ${rule.minEmployers} employers do not count as a signal`,
        ),
      };
    }
    const byEmployers = weightFor(rule.employerWeights, employers);
    const byPeople = weightFor(rule.peopleWeights, indicator.people ?? 0);
    const weight = (byEmployers?.weight ?? rule.weight) + (byPeople?.weight ?? 0);
    const parts = [byEmployers?.label, byPeople?.label].filter((x): x is Localized => x !== undefined);
    return {
      score: rule.score,
      weight,
      reason: {
        sv: `${parts.map((x) => x.sv).join(' och ')} ger vikten ${num(weight).sv}`,
        en: `${parts.map((x) => x.en).join(' and ')} give the weight ${num(weight).en}`,
      },
    };
  }
  if (rule.scoring === 'categories') {
    const value = (indicator as { value: string }).value;
    const cat = rule.categories[value];
    if (!cat) return { score: null, reason: l(`okänt värde "${value}"`, `unknown value "${value}"`) };
    return { score: cat.score, reason: cat.label };
  }
  const value = (indicator as { value: number | null }).value;
  if (value === null || !Number.isFinite(value)) {
    return { score: null, reason: l('värde saknas', 'value missing') };
  }
  if (indicator.kind === 'employment_change') {
    if (indicator.acrossBreak && !rule.scoreAcrossBreak) {
      return {
        score: null,
        reason: l(
          'förändringen går över ett seriebrott och räknas därför inte in',
          'the change spans a series break and is therefore not scored',
        ),
      };
    }
    if (rule.minBase !== undefined && Math.min(indicator.fromValue, indicator.toValue) < rule.minBase) {
      return {
        score: null,
        reason: l(
          `för få anställda (under ${rule.minBase}) för att förändringen ska vara tillförlitlig`,
          `too few employees (below ${rule.minBase}) for a reliable change`,
        ),
      };
    }
  }
  const band = bandFor(rule.bands, value);
  return { score: band.score, reason: band.label };
}
