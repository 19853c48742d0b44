import { AGE_BANDS, GENDERS } from './follow-up.js';

/**
 * KPIs of a learning centre for one year (issue 14), broken down by gender and age band, and the suppression rule
 * for everything shown outside the centre. Pure: the caller passes the learners, the exam and visit counts and the
 * region's prioritised occupations.
 */

export const MEASURES = [
  'learners',
  'newLearners',
  'completions',
  'droppedOut',
  'respondents',
  'employedAfter',
  'stayedHome',
  'inOccupation',
  'priorityLearners',
  'visits',
] as const;
export type Measure = (typeof MEASURES)[number];

export interface LearnerFact {
  gender: string;
  ageBand: string;
  startDate: string;
  completion: string;
  completionDate: string | null;
  occupations: readonly string[];
  homeMunicipality: string;
  /** The follow-up answer, when the learner answered. */
  answer: { employed: boolean | null; workMunicipality: string | null; inOccupation: boolean | null } | null;
}

export interface KpiInput {
  year: number;
  learners: readonly LearnerFact[];
  /** Exam bookings invigilated in the year (the bookings carry no gender or age: total only). */
  examsInvigilated: number;
  /** Study-place visits of the year; `all` where the count has no breakdown. */
  visits: ReadonlyArray<{ gender: string; ageBand: string; visits: number }>;
  /** SSYK-4 codes of the region's published prioritised occupations; null when the region has published none. */
  prioritySsyk: ReadonlySet<string> | null;
}

export type Dimension = 'total' | 'gender' | 'ageBand';

export interface KpiRow {
  dimension: Dimension;
  /** `all` for the total, else the gender or the age band. */
  value: string;
  /** null = suppressed (fewer than the threshold, or needed to protect such a cell). */
  measures: Record<Measure, number | null>;
  /** Shares 0..1: priorityLearners / learners, employedAfter and stayedHome / respondents; null when unknown. */
  shares: { priority: number | null; employed: number | null; stayedHome: number | null };
}

export interface CentreKpis {
  year: number;
  rows: KpiRow[];
  examsInvigilated: number | null;
  /** True when the suppression rule was applied (anything shown outside the centre). */
  suppressed: boolean;
  /** False when the region has no published list, so the priority share cannot be said. */
  priorityListAvailable: boolean;
}

const zero = (): Record<Measure, number> =>
  Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>;

/** True when a learner studied during the year: started by its end and not finished before it began. */
export function activeIn(l: LearnerFact, year: number): boolean {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (l.startDate > last) return false;
  return l.completion === 'ongoing' || !l.completionDate || l.completionDate >= first;
}

function add(target: Record<Measure, number>, l: LearnerFact, input: KpiInput): void {
  const y = String(input.year);
  if (!activeIn(l, input.year)) return;
  target.learners++;
  if (l.startDate.startsWith(y)) target.newLearners++;
  if (l.completion === 'completed' && l.completionDate?.startsWith(y)) {
    target.completions++;
    // Employment after studies is counted in the year of completion (the answer comes 6–12 months later).
    if (l.answer) {
      target.respondents++;
      if (l.answer.employed) target.employedAfter++;
      if (l.answer.employed && l.answer.workMunicipality === l.homeMunicipality) target.stayedHome++;
      if (l.answer.employed && l.answer.inOccupation) target.inOccupation++;
    }
  }
  if (l.completion === 'dropped_out' && l.completionDate?.startsWith(y)) target.droppedOut++;
  if (input.prioritySsyk && l.occupations.some((s) => input.prioritySsyk?.has(s))) target.priorityLearners++;
}

const share = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : part / whole;

/** The KPIs of one centre and year, unsuppressed (for the centre's own staff). */
export function computeKpis(input: KpiInput): CentreKpis {
  const total = zero();
  const byGender = new Map<string, Record<Measure, number>>(GENDERS.map((g) => [g, zero()]));
  const byAge = new Map<string, Record<Measure, number>>(AGE_BANDS.map((a) => [a, zero()]));
  for (const l of input.learners) {
    add(total, l, input);
    const g = byGender.get(l.gender);
    if (g) add(g, l, input);
    const a = byAge.get(l.ageBand);
    if (a) add(a, l, input);
  }
  for (const v of input.visits) {
    total.visits += v.visits;
    const g = byGender.get(v.gender);
    if (g) g.visits += v.visits;
    const a = byAge.get(v.ageBand);
    if (a) a.visits += v.visits;
  }
  const row = (dimension: Dimension, value: string, m: Record<Measure, number>): KpiRow => ({
    dimension,
    value,
    measures: { ...m },
    shares: {
      priority: input.prioritySsyk ? share(m.priorityLearners, m.learners) : null,
      employed: share(m.employedAfter, m.respondents),
      stayedHome: share(m.stayedHome, m.respondents),
    },
  });
  return {
    year: input.year,
    rows: [
      row('total', 'all', total),
      ...[...byGender].map(([g, m]) => row('gender', g, m)),
      ...[...byAge].map(([a, m]) => row('ageBand', a, m)),
    ],
    examsInvigilated: input.examsInvigilated,
    suppressed: false,
    priorityListAvailable: input.prioritySsyk !== null,
  };
}

/** The smallest count shown outside the centre. */
export const MIN_CELL = 3;

/**
 * The suppression rule for one group of cells that add up to a shown total (the genders of a measure, the age
 * bands of a measure): a count from 1 to `min - 1` is hidden (null); when exactly one cell of the group is hidden,
 * the smallest other non-zero cell is hidden too, so the hidden one cannot be had by subtracting from the total.
 * Zero is shown (it says nothing about a person). Shown values are never changed.
 */
export function suppressGroup(values: readonly number[], min: number = MIN_CELL): Array<number | null> {
  const out: Array<number | null> = values.map((v) => (v > 0 && v < min ? null : v));
  const hidden = out.filter((v) => v === null).length;
  if (hidden === 1) {
    let pick = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (out[i] !== null && v > 0 && (pick < 0 || v < (values[pick] as number))) pick = i;
    }
    if (pick >= 0) out[pick] = null;
  }
  return out;
}

/** A single count on its own (no group): hidden from 1 to `min - 1`. */
export function suppressCount(value: number, min: number = MIN_CELL): number | null {
  return value > 0 && value < min ? null : value;
}

/**
 * The KPIs as shown outside the centre (region, grant report): every measure suppressed per group (total alone,
 * genders together, age bands together); a share only when its numerator and denominator are both shown and the
 * denominator is at least `min` learners.
 */
export function suppressKpis(kpis: CentreKpis, min: number = MIN_CELL): CentreKpis {
  const rows = kpis.rows.map((r) => ({ ...r, measures: { ...r.measures }, shares: { ...r.shares } }));
  for (const dimension of ['total', 'gender', 'ageBand'] as const) {
    const group = rows.filter((r) => r.dimension === dimension);
    for (const m of MEASURES) {
      const raw = group.map((r) => r.measures[m] ?? 0);
      const shown = dimension === 'total' ? raw.map((v) => suppressCount(v, min)) : suppressGroup(raw, min);
      group.forEach((r, i) => {
        r.measures[m] = shown[i] ?? null;
      });
    }
  }
  for (const r of rows) {
    const ok = (part: Measure, whole: Measure) => {
      const p = r.measures[part];
      const w = r.measures[whole];
      return p !== null && w !== null && w >= min;
    };
    if (!ok('priorityLearners', 'learners')) r.shares.priority = null;
    if (!ok('employedAfter', 'respondents')) r.shares.employed = null;
    if (!ok('stayedHome', 'respondents')) r.shares.stayedHome = null;
  }
  return {
    ...kpis,
    rows,
    examsInvigilated: kpis.examsInvigilated === null ? null : suppressCount(kpis.examsInvigilated, min),
    suppressed: true,
  };
}
