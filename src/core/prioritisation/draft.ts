import type { SignalClass } from '../signals/types.js';
import {
  COMPONENT_NAMES,
  type ComponentName,
  type ComponentWeights,
  currentPrioritisationMethod,
  isPriorityBand,
  PRIORITY_BANDS,
  type PrioritisationMethod,
  type PriorityBand,
} from './method.js';

/** Everything the method knows about one occupation in the region (from the stored signals and region input). */
export interface CandidateInput {
  ssyk: string;
  name: string;
  /** SeQF band of the occupation ('none' and null are not listed). */
  seqfBand: string | null;
  fieldId: string | null;
  field: string | null;
  /** The region's signal (the county's). */
  signalClass: SignalClass;
  /** The signal's weighted score 0–3, null without scored indicators. */
  signalScore: number | null;
  /** The signal's confidence 1–5. */
  confidence: number;
  watch: boolean;
  /** Employed in the occupation in the region. */
  employees: number | null;
  /** Estimated retirements within 5 years in the region (absolute). */
  retirements5: number | null;
  /**
   * Share of the employed retiring within 5 years (0–1). An input of its own, not derived from the two counts
   * above, so "more employees, all else equal" never lowers the relative replacement demand.
   */
  retirementShare5: number | null;
  /** Annualised employment change in percent (comparable series only), null when unknown. */
  employmentChange: number | null;
  /** Distinct employers with a recorded need (brokers), or null when no needs register is available. */
  employerNeeds?: number | null;
  /** In how many of the region's sub-areas (FA regions, custom areas) the occupation is in shortage, of how many. */
  breadth: { shortage: number; areas: number } | null;
  /** The region's strategic weight 0–1 for the occupation (or its field); 0 when none is set. */
  strategic?: number;
}

/** The ranking tier: decides the order before the score, so weaker evidence never ranks above a shortage. */
export type Tier = 'shortage' | 'watch' | 'balance' | 'surplus' | 'insufficient';
const TIER_ORDER: Record<Tier, number> = { shortage: 0, watch: 1, balance: 2, surplus: 3, insufficient: 3 };

export interface ScoreComponent {
  /** Normalised value 0–1, or null when the component has no data in this draft (its weight is then left out). */
  value: number | null;
  /** The weight used (after renormalisation over the components in use). */
  weight: number;
}

export interface DraftRow {
  ssyk: string;
  name: string;
  seqfBand: PriorityBand;
  fieldId: string | null;
  field: string | null;
  /** Priority score 0–100 (one decimal). */
  score: number;
  /** Rank within its band, 1 = highest. */
  rank: number;
  tier: Tier;
  signalClass: SignalClass;
  /** Proposed for the list: a shortage among the first `listSize` of its band. */
  proposed: boolean;
  components: Record<ComponentName, ScoreComponent>;
}

/** An occupation classed `paradox`: recruitment problems although job seekers exist, not an education problem first. */
export interface ApartRow {
  ssyk: string;
  name: string;
  seqfBand: PriorityBand;
  fieldId: string | null;
  field: string | null;
  signalClass: 'paradox';
  employees: number | null;
}

export interface DraftOptions {
  method?: PrioritisationMethod;
  /** The region's weights (missing entries take the method's default). */
  weights?: Partial<ComponentWeights>;
  /** Occupations proposed per band (default from the method, 15). */
  listSize?: number;
}

export interface Draft {
  method: { version: string; hash: string };
  weights: ComponentWeights;
  listSize: number;
  rows: DraftRow[];
  apart: ApartRow[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** Log scale against the largest value of the draft: sizes differ by orders of magnitude between occupations. */
const logShare = (value: number | null | undefined, max: number) =>
  value == null || value <= 0 || max <= 0 ? 0 : clamp01(Math.log1p(value) / Math.log1p(max));
const round1 = (x: number) => Math.round(x * 10) / 10;

function tierOf(c: CandidateInput): Tier {
  switch (c.signalClass) {
    case 'brist':
      return 'shortage';
    case 'balans':
      return c.watch ? 'watch' : 'balance';
    case 'overskott':
      return 'surplus';
    default:
      return 'insufficient';
  }
}

const collator = new Intl.Collator('sv');

/**
 * The draft list: candidates of the three SeQF bands scored from normalised components and ranked within their
 * band (tier first, then score, then Swedish name). Paradox occupations are set apart, unranked.
 */
export function draftPriorities(candidates: readonly CandidateInput[], options: DraftOptions = {}): Draft {
  const method = options.method ?? currentPrioritisationMethod;
  const def = method.definition;
  const listSize = options.listSize ?? def.listSize;
  const baseWeights: ComponentWeights = { ...def.weights };
  for (const name of COMPONENT_NAMES) {
    const w = options.weights?.[name];
    if (w !== undefined && Number.isFinite(w) && w >= 0) baseWeights[name] = w;
  }

  const listed = candidates.filter((c) => isPriorityBand(c.seqfBand));
  const ranked = listed.filter((c) => c.signalClass !== 'paradox');
  const apart: ApartRow[] = listed
    .filter((c) => c.signalClass === 'paradox')
    .map((c) => ({
      ssyk: c.ssyk,
      name: c.name,
      seqfBand: c.seqfBand as PriorityBand,
      fieldId: c.fieldId,
      field: c.field,
      signalClass: 'paradox' as const,
      employees: c.employees,
    }))
    .sort((a, b) => bandIndex(a.seqfBand) - bandIndex(b.seqfBand) || collator.compare(a.name, b.name));

  // Region-relative scales: the largest value among the ranked candidates of the whole draft.
  const maxEmployees = Math.max(0, ...ranked.map((c) => c.employees ?? 0));
  const maxRetirements = Math.max(0, ...ranked.map((c) => c.retirements5 ?? 0));
  const maxNeeds = Math.max(0, ...ranked.map((c) => c.employerNeeds ?? 0));
  // A component without data anywhere in the draft is left out and the others are renormalised; a component
  // missing for one candidate only counts as 0 for it (or neutral, for the trend).
  const inUse: Record<ComponentName, boolean> = {
    severity: true,
    confidence: true,
    size: true,
    replacement: true,
    trend: true,
    employerNeeds: ranked.some((c) => c.employerNeeds != null),
    breadth: ranked.some((c) => c.breadth !== null && c.breadth.areas > 0),
    strategic: true,
  };
  const total = COMPONENT_NAMES.reduce((s, n) => s + (inUse[n] ? baseWeights[n] : 0), 0);
  const weights = Object.fromEntries(
    COMPONENT_NAMES.map((n) => [n, inUse[n] && total > 0 ? baseWeights[n] / total : 0]),
  ) as ComponentWeights;

  const scored = ranked.map((c) => {
    const tier = tierOf(c);
    const values: Record<ComponentName, number | null> = {
      // Severity is the signal's score on the method's 0–3 scale; no score (insufficient evidence) is 0.
      severity: c.signalScore === null ? 0 : clamp01(c.signalScore / 3),
      confidence: clamp01((c.confidence - 1) / 4),
      size: logShare(c.employees, maxEmployees),
      replacement:
        0.5 * clamp01((c.retirementShare5 ?? 0) / def.fullRetirementShare) +
        0.5 * logShare(c.retirements5, maxRetirements),
      trend:
        c.employmentChange === null
          ? def.trendMissing
          : clamp01((c.employmentChange + def.trendBoundPercent) / (2 * def.trendBoundPercent)),
      employerNeeds: inUse.employerNeeds ? logShare(c.employerNeeds, maxNeeds) : null,
      breadth: inUse.breadth
        ? c.breadth && c.breadth.areas > 0
          ? clamp01(c.breadth.shortage / c.breadth.areas)
          : 0
        : null,
      strategic: clamp01(c.strategic ?? 0),
    };
    const raw = COMPONENT_NAMES.reduce((s, n) => s + weights[n] * (values[n] ?? 0), 0);
    const components = Object.fromEntries(
      COMPONENT_NAMES.map((n) => [
        n,
        { value: values[n] === null ? null : Math.round(values[n] * 1000) / 1000, weight: weights[n] },
      ]),
    ) as Record<ComponentName, ScoreComponent>;
    return { c, tier, raw, score: round1(raw * 100), components };
  });

  const rows: DraftRow[] = [];
  for (const band of PRIORITY_BANDS) {
    const inBand = scored
      .filter((s) => s.c.seqfBand === band)
      .sort(
        (a, b) =>
          TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
          b.raw - a.raw ||
          collator.compare(a.c.name, b.c.name) ||
          (a.c.ssyk < b.c.ssyk ? -1 : a.c.ssyk > b.c.ssyk ? 1 : 0),
      );
    inBand.forEach((s, i) => {
      rows.push({
        ssyk: s.c.ssyk,
        name: s.c.name,
        seqfBand: band,
        fieldId: s.c.fieldId,
        field: s.c.field,
        score: s.score,
        rank: i + 1,
        tier: s.tier,
        signalClass: s.c.signalClass,
        proposed: s.tier === 'shortage' && i < listSize,
        components: s.components,
      });
    });
  }
  return { method: { version: method.version, hash: method.hash }, weights, listSize, rows, apart };
}

function bandIndex(band: PriorityBand): number {
  return PRIORITY_BANDS.indexOf(band);
}
