import { createHash } from 'node:crypto';
import type { IndicatorKind, JobOpportunities, Localized, Outlook, RecruitmentSituation } from './types.js';

/**
 * The signal method as versioned DATA: bands, weights, thresholds and rules. Changing any number means a new
 * version; every stored signal records the version and the content hash of the definition that produced it.
 */

/** A band [min, next band's min) → score. Bands are sorted ascending by `min`; the first also covers lower values. */
export interface Band {
  min: number;
  score: number;
  label: Localized;
}

/**
 * How an indicator counts as evidence. `reported`: what employers told the region's brokers — an independent source
 * of its own, but a self-selected sample (employers without a need do not call), so it never stands in for the
 * direct assessment the evidence rule requires.
 */
export type EvidenceCategory = 'assessment' | 'register' | 'supporting' | 'reported';

/** A count band [min, next band's min) → weight. Sorted ascending by `min`; values below the first add nothing. */
export interface WeightBand {
  min: number;
  weight: number;
  label: Localized;
}

interface RuleBase {
  label: Localized;
  /** Weight in the weighted mean; 0 = shown but not scored. */
  weight: number;
  /** Indicators in the same group are not independent of each other (same source product). */
  evidenceGroup: string;
  category: EvidenceCategory;
}

export type IndicatorRule =
  | (RuleBase & { scoring: 'bands'; bands: Band[]; minBase?: number; scoreAcrossBreak?: boolean })
  | (RuleBase & { scoring: 'categories'; categories: Record<string, { score: number; label: Localized }> })
  | (RuleBase & { scoring: 'slot' })
  /**
   * Employer counts: a fixed score (the direction: employers report unfilled needs, never a surplus) whose weight
   * grows with the distinct employers and the people they asked for. Below `minEmployers` the indicator is not
   * scored (and its counts are suppressed anyway). `weight` is the weight at `minEmployers` (the smallest).
   */
  | (RuleBase & {
      scoring: 'employer_counts';
      score: number;
      minEmployers: number;
      employerWeights: WeightBand[];
      peopleWeights: WeightBand[];
    });

export interface MethodDefinition {
  version: string;
  description: Localized;
  indicators: Record<IndicatorKind, IndicatorRule>;
  classes: {
    /** Score ≥ this → brist. */
    shortageMin: number;
    /** watchMin ≤ score < shortageMin → balans with a watch flag ("bevaka"). */
    watchMin: number;
    /** Score ≤ this → överskott. */
    surplusMax: number;
    /** Scores ≥ this count as "toward shortage" in the explanation, below as "toward surplus" (equal = neutral). */
    neutralScore: number;
  };
  paradox: {
    /** AF's own paradox classification makes the signal paradox. */
    fromAf: boolean;
    /** Recruitment problems: any of these indicators scoring at least `minScore`. */
    recruitmentProblem: { kinds: IndicatorKind[]; minScore: number };
    /** Jobseeker surplus: any of these indicators scoring at most `maxScore` (both together → paradox). */
    jobseekerSurplus: { kinds: IndicatorKind[]; maxScore: number };
  };
  evidence: {
    /** At least this many independent evidence groups among scored, non-supporting indicators. */
    minIndependentGroups: number;
    /** At least one scored indicator of this category (a direct assessment of recruitment). */
    requireCategory: EvidenceCategory;
  };
  drivers: {
    /** An indicator scoring at least this drives toward shortage (af_shortage, local_shortage, growth, …). */
    shortageMin: number;
    /** An indicator scoring at most this drives toward surplus (af_surplus, local_surplus). */
    surplusMax: number;
    /** Employment change drives toward surplus (employment_decline) only at or below this score. */
    declineMax: number;
  };
  outlook: {
    /** Five-year index minus one-year index ≥ this → oka, ≤ −this → minska. */
    indexDelta: number;
    /** Order in which outlook sources win ties. */
    priority: Array<'af_prognos' | 'af_index_5y'>;
  };
  confidence: {
    /** Base confidence by number of independent evidence groups (index = groups, capped at the last entry). */
    baseByGroups: number[];
    /** Spread (max − min) of scores at or above this lowers confidence by one. */
    disagreementSpread: number;
    /** Oldest scored assessment older than these many years lowers confidence by one each. */
    ageYears: number[];
    /** Share of the score weight from estimated indicators above this lowers confidence by one. */
    estimatedWeightShare: number;
    /** Member coverage (share of weight with data) below this lowers confidence by one. */
    minCoverage: number;
  };
  employmentChange: {
    /** Longest span (years) used for the annualised change within one comparable segment. */
    maxYears: number;
  };
  retirements: {
    /** Age groups assumed to leave within 5 and within 10 years. */
    within5: string[];
    within10: string[];
    /** Age groups counted as 55+. */
    aged55Plus: string[];
  };
  aggregation: {
    /** Members are weighted by employment in the occupation when known, else by population. */
    weightBy: 'employment_then_population';
  };
}

const l = (sv: string, en: string): Localized => ({ sv, en });

const recruitment: Record<RecruitmentSituation, { score: number; label: Localized }> = {
  brist: { score: 3, label: l('brist', 'shortage') },
  paradox: {
    score: 2.5,
    label: l(
      'paradox (rekryteringsproblem trots arbetssökande)',
      'paradox (recruitment problems despite job seekers)',
    ),
  },
  balans: { score: 1.5, label: l('balans', 'balance') },
  overskott: { score: 0, label: l('överskott', 'surplus') },
};

const jobs: Record<JobOpportunities, { score: number; label: Localized }> = {
  stora: { score: 3, label: l('stora', 'large') },
  medelstora: { score: 1.5, label: l('medelstora', 'medium') },
  sma: { score: 0, label: l('små', 'small') },
};

/** AF's published bands of the 1–5 index (sheet 3 of 1-ar.xlsx): 1–1.99, 2–2.9, 2.9–3.3, 3.3–4, 4–5. */
const afIndexBands: Band[] = [
  { min: 1, score: 0, label: l('väldigt hård konkurrens (1–1,99)', 'very strong competition (1–1.99)') },
  { min: 2, score: 1, label: l('hård konkurrens (2–2,9)', 'strong competition (2–2.9)') },
  { min: 2.9, score: 1.5, label: l('måttlig konkurrens (2,9–3,3)', 'moderate competition (2.9–3.3)') },
  { min: 3.3, score: 2, label: l('liten konkurrens (3,3–4)', 'little competition (3.3–4)') },
  { min: 4, score: 3, label: l('väldigt liten konkurrens (4–5)', 'very little competition (4–5)') },
];

/** Version 1 of the method. */
export const methodV1Definition: MethodDefinition = {
  version: 'v1',
  description: l(
    'Poäng 0–3 per indikator, viktat medelvärde; brist ≥ 2,0, bevaka 1,5–2,0, överskott ≤ 1,0; minst två oberoende indikatorer varav en bedömning.',
    'Score 0–3 per indicator, weighted mean; shortage ≥ 2.0, watch 1.5–2.0, surplus ≤ 1.0; at least two independent indicators including one assessment.',
  ),
  indicators: {
    af_recruitment: {
      label: l(
        'Rekryteringssituation (AF Yrkesbarometer)',
        'Recruitment situation (AF occupational barometer)',
      ),
      scoring: 'categories',
      categories: recruitment,
      weight: 3,
      evidenceGroup: 'af-yrkesbarometer',
      category: 'assessment',
    },
    af_job_opportunities: {
      label: l('Jobbmöjligheter (AF Yrkesbarometer)', 'Job opportunities (AF occupational barometer)'),
      scoring: 'categories',
      categories: jobs,
      weight: 1,
      evidenceGroup: 'af-yrkesbarometer',
      category: 'assessment',
    },
    af_index_1y: {
      label: l(
        'Bristindex om 1 år (AF Yrkesprognoser)',
        'One-year shortage index (AF occupational forecasts)',
      ),
      scoring: 'bands',
      bands: afIndexBands,
      weight: 3,
      evidenceGroup: 'af-yrkesprognoser',
      category: 'assessment',
    },
    af_local_index: {
      label: l('Lokalt bristindex (AF, FA-region)', 'Local shortage index (AF, FA region)'),
      scoring: 'bands',
      bands: afIndexBands,
      weight: 2,
      evidenceGroup: 'af-bristindex-fa',
      category: 'assessment',
    },
    employment_change: {
      label: l('Förändring av antal anställda (SCB)', 'Change in employees (SCB)'),
      scoring: 'bands',
      bands: [
        { min: -Infinity, score: 0, label: l('minskar mer än 1 % per år', 'falls by more than 1% a year') },
        { min: -1, score: 1, label: l('oförändrat (−1 till +1 % per år)', 'stable (−1 to +1% a year)') },
        { min: 1, score: 2, label: l('ökar 1–3 % per år', 'grows 1–3% a year') },
        { min: 3, score: 3, label: l('ökar minst 3 % per år', 'grows at least 3% a year') },
      ],
      minBase: 50,
      scoreAcrossBreak: false,
      weight: 1,
      evidenceGroup: 'scb-yrkesregistret',
      category: 'register',
    },
    share_55_plus: {
      label: l('Andel anställda 55 år och äldre (SCB)', 'Share of employees aged 55+ (SCB)'),
      scoring: 'bands',
      bands: [
        { min: -Infinity, score: 0, label: l('under 15 %', 'below 15%') },
        { min: 0.15, score: 1, label: l('15–20 %', '15–20%') },
        { min: 0.2, score: 1.5, label: l('20–25 %', '20–25%') },
        { min: 0.25, score: 2, label: l('25–30 %', '25–30%') },
        { min: 0.3, score: 3, label: l('minst 30 %', 'at least 30%') },
      ],
      weight: 0.5,
      evidenceGroup: 'scb-yrkesregistret-alder',
      category: 'supporting',
    },
    employer_signals: {
      label: l('Arbetsgivarsignaler', 'Employer signals'),
      scoring: 'slot',
      weight: 0,
      evidenceGroup: 'arbetsgivarsignaler',
      category: 'assessment',
    },
    education_supply: {
      label: l('Utbildningsutbud', 'Education supply'),
      scoring: 'slot',
      weight: 0,
      evidenceGroup: 'utbildningsutbud',
      category: 'supporting',
    },
  },
  classes: { shortageMin: 2, watchMin: 1.5, surplusMax: 1, neutralScore: 1.5 },
  paradox: {
    fromAf: true,
    recruitmentProblem: { kinds: ['af_recruitment', 'employer_signals'], minScore: 3 },
    jobseekerSurplus: { kinds: ['af_job_opportunities', 'af_index_1y', 'af_local_index'], maxScore: 0 },
  },
  evidence: { minIndependentGroups: 2, requireCategory: 'assessment' },
  drivers: { shortageMin: 2, surplusMax: 1, declineMax: 0 },
  outlook: { indexDelta: 0.25, priority: ['af_prognos', 'af_index_5y'] },
  confidence: {
    baseByGroups: [1, 2, 3, 4, 5],
    disagreementSpread: 2,
    ageYears: [2, 5],
    estimatedWeightShare: 0.5,
    minCoverage: 0.5,
  },
  employmentChange: { maxYears: 3 },
  retirements: {
    within5: ['60-64', '65-69'],
    within10: ['55-59', '60-64', '65-69'],
    aged55Plus: ['55-59', '60-64', '65-69'],
  },
  aggregation: { weightBy: 'employment_then_population' },
};

/**
 * Version 2: v1 plus the employer needs the region's brokers recorded (issue 11). Everything else is v1's, so a pair
 * without needs gets exactly v1's class and score. The reasoning behind the numbers is in docs/method.md.
 */
export const methodV2Definition: MethodDefinition = {
  ...methodV1Definition,
  version: 'v2',
  description: l(
    'Som v1, plus arbetsgivarsignaler (kompetensmäklarnas registrerade behov senaste 12 månaderna): poäng 3 med vikt 1–3 efter antal arbetsgivare (minst 3) och personer; en egen oberoende källa men aldrig ensam den bedömning som krävs.',
    "As v1, plus employer signals (needs recorded by the region's competence brokers over the last 12 months): score 3 with weight 1–3 by employers (at least 3) and people; an independent source of its own but never on its own the assessment that is required.",
  ),
  indicators: {
    ...methodV1Definition.indicators,
    employer_signals: {
      label: l('Arbetsgivarsignaler', 'Employer signals'),
      scoring: 'employer_counts',
      score: 3,
      minEmployers: 3,
      employerWeights: [
        { min: 3, weight: 1, label: l('3–4 arbetsgivare', '3–4 employers') },
        { min: 5, weight: 1.5, label: l('5–9 arbetsgivare', '5–9 employers') },
        { min: 10, weight: 2, label: l('minst 10 arbetsgivare', 'at least 10 employers') },
      ],
      peopleWeights: [
        { min: 10, weight: 0.5, label: l('10–24 personer', '10–24 people') },
        { min: 25, weight: 1, label: l('minst 25 personer', 'at least 25 people') },
      ],
      weight: 1,
      evidenceGroup: 'arbetsgivarsignaler',
      category: 'reported',
    },
  },
};

/** JSON with sorted keys and `Infinity` spelled out, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface Method {
  version: string;
  /** sha256 of the canonical definition (first 16 hex characters). */
  hash: string;
  definition: MethodDefinition;
}

/** Wraps a definition with its content hash. */
export function defineMethod(definition: MethodDefinition): Method {
  const hash = createHash('sha256').update(canonicalJson(definition)).digest('hex').slice(0, 16);
  return { version: definition.version, hash, definition };
}

export const methodV1 = defineMethod(methodV1Definition);
export const methodV2 = defineMethod(methodV2Definition);

/** Every method version the app knows, newest last. */
export const methods: readonly Method[] = [methodV1, methodV2];
/**
 * The default of every list, map, export and dependent module (prioritisation, education): v1 until the brokers'
 * recording covers the region evenly (see docs/method.md, "Which method lists use"); v2 is asked for by name.
 */
export const currentMethod: Method = methodV1;

/** True when the method scores the employer needs (then a computation reads them; otherwise it never does). */
export function scoresEmployerNeeds(method: MethodDefinition): boolean {
  const rule = method.indicators.employer_signals;
  return rule.scoring === 'employer_counts' && rule.weight > 0;
}

export function findMethod(version: string): Method | undefined {
  return methods.find((m) => m.version === version);
}

export type { Outlook };
