import type { Band, IndicatorRule, MethodDefinition } from './method.js';
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
      return indicator.value === null
        ? l('inga signaler ännu', 'no signals yet')
        : {
            sv: `${pct(indicator.value * 100).sv} misslyckade rekryteringar (${indicator.signals} signaler)`,
            en: `${pct(indicator.value * 100).en} failed recruitments (${indicator.signals} signals)`,
          };
    case 'education_supply':
      return indicator.value === null
        ? l('inget underlag ännu', 'no data yet')
        : { sv: `${num(indicator.value).sv} per öppning`, en: `${num(indicator.value).en} per opening` };
  }
}

export interface ScoreResult {
  /** 0–3, or null when the indicator is shown but not scored. */
  score: number | null;
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
