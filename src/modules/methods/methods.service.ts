import {
  currentMethod,
  evidenceKinds,
  type Localized,
  type Method,
  methods,
} from '../../core/signals/index.js';

/**
 * The signal method versions as data for the "Data och metod" page: thresholds, weights and score bands exactly
 * as the versioned definition holds them (nothing is restated by hand).
 */

export interface MethodBand {
  /** Lower bound (inclusive); null = no lower bound. */
  min: number | null;
  score: number;
  label: Localized;
}

export interface MethodIndicator {
  kind: string;
  label: Localized;
  weight: number;
  category: string;
  evidenceGroup: string;
  scoring: 'bands' | 'categories' | 'slot' | 'employer_counts';
  bands?: MethodBand[];
  /** Employer counts: the fixed score, the fewest employers that count, and the weight bands. */
  counts?: {
    score: number;
    minEmployers: number;
    employerWeights: Array<{ min: number; weight: number; label: Localized }>;
    peopleWeights: Array<{ min: number; weight: number; label: Localized }>;
  };
  categories?: Array<{ value: string; score: number; label: Localized }>;
}

export interface MethodSummary {
  version: string;
  hash: string;
  current: boolean;
  description: Localized;
  classes: { shortageMin: number; watchMin: number; surplusMax: number };
  /** `kinds`: the indicators that can make evidence sufficient (scored, of the required category). */
  evidence: { minIndependentGroups: number; requireCategory: string; kinds: string[] };
  /** Score thresholds at which an indicator counts as a driver toward shortage or surplus. */
  drivers: { shortageMin: number; surplusMax: number; declineMax: number };
  outlook: { indexDelta: number };
  indicators: MethodIndicator[];
}

/** One method version as plain JSON-safe data (no Infinity). */
export function summariseMethod(method: Method): MethodSummary {
  const d = method.definition;
  return {
    version: method.version,
    hash: method.hash,
    current: method.version === currentMethod.version,
    description: d.description,
    classes: {
      shortageMin: d.classes.shortageMin,
      watchMin: d.classes.watchMin,
      surplusMax: d.classes.surplusMax,
    },
    evidence: {
      minIndependentGroups: d.evidence.minIndependentGroups,
      requireCategory: d.evidence.requireCategory,
      kinds: [...evidenceKinds(d)].sort(),
    },
    drivers: { ...d.drivers },
    outlook: { indexDelta: d.outlook.indexDelta },
    indicators: Object.entries(d.indicators).map(([kind, rule]) => {
      const base = {
        kind,
        label: rule.label,
        weight: rule.weight,
        category: rule.category,
        evidenceGroup: rule.evidenceGroup,
        scoring: rule.scoring,
      };
      if (rule.scoring === 'bands') {
        return {
          ...base,
          bands: rule.bands.map((b) => ({
            min: Number.isFinite(b.min) ? b.min : null,
            score: b.score,
            label: b.label,
          })),
        };
      }
      if (rule.scoring === 'categories') {
        return {
          ...base,
          categories: Object.entries(rule.categories).map(([value, c]) => ({
            value,
            score: c.score,
            label: c.label,
          })),
        };
      }
      if (rule.scoring === 'employer_counts') {
        return {
          ...base,
          counts: {
            score: rule.score,
            minEmployers: rule.minEmployers,
            employerWeights: rule.employerWeights.map((b) => ({ ...b })),
            peopleWeights: rule.peopleWeights.map((b) => ({ ...b })),
          },
        };
      }
      return base;
    }),
  };
}

/** Every method version the app knows, newest last. */
export function listMethods(): MethodSummary[] {
  return methods.map(summariseMethod);
}
