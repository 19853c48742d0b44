/**
 * Types of the signal method: indicators per occupation × geography × round, and the signal computed from them.
 * Pure data: no I/O, no clock. Codes are strings.
 */

export type Localized = { sv: string; en: string };

/** The class of a signal. `otillrackligt_underlag` is never "no shortage": it means the evidence is too thin. */
export type SignalClass = 'brist' | 'balans' | 'overskott' | 'paradox' | 'otillrackligt_underlag';
export const SIGNAL_CLASSES: readonly SignalClass[] = [
  'brist',
  'balans',
  'overskott',
  'paradox',
  'otillrackligt_underlag',
];

/**
 * The five-year outlook: where AF's barometer gives a prognos, the direction of demand for labour; in forecast
 * rounds, whether the five-year shortage index lies above or below the one-year index (the path of the shortage).
 */
export type Outlook = 'oka' | 'oforandrad' | 'minska';
export const OUTLOOKS: readonly Outlook[] = ['oka', 'oforandrad', 'minska'];

export type RecruitmentSituation = 'brist' | 'balans' | 'overskott' | 'paradox';
export type JobOpportunities = 'stora' | 'medelstora' | 'sma';

/** Where a figure was measured and how it reached the signal's geography. */
export interface IndicatorProvenance {
  /** Source adapter id, e.g. `af-yrkesbarometer`, `scb-yrkesregistret`. */
  sourceId: string;
  /** The round or period the figure belongs to, e.g. `18H`, `2026-1`, `2023–2024`. */
  period: string;
  /** Last day the figure describes (ISO date); used for the age of the data. */
  asOf: string;
  /** Unit for display, e.g. `index 1–5`, `%`, `andel`, `antal`. */
  unit: string;
  /** True when the value is an estimate (e.g. national age structure applied to a county). */
  estimated: boolean;
  /** Geography the figure was measured for, when it differs from the signal's (e.g. `country:SE`). */
  measuredAt?: string;
  /** Free note shown in the explanation (e.g. a series break). */
  note?: Localized;
}

export interface IndicatorMembers {
  withData: number;
  without: string[];
  weightShare: number;
}

interface Base extends IndicatorProvenance {
  /** When aggregated over an area: members with data, the ids of those without, and their share of the weight. */
  members?: IndicatorMembers;
}

/** AF Yrkesbarometer: rekryteringssituation (brist/balans/överskott/paradox). */
export interface RecruitmentIndicator extends Base {
  kind: 'af_recruitment';
  value: RecruitmentSituation;
  /** Share of member weight per value when aggregated over an area. */
  distribution?: Partial<Record<RecruitmentSituation, number>>;
}

/** AF Yrkesbarometer: jobbmöjligheter (chances of a job seeker), stora/medelstora/små. */
export interface JobOpportunitiesIndicator extends Base {
  kind: 'af_job_opportunities';
  value: JobOpportunities;
  distribution?: Partial<Record<JobOpportunities, number>>;
}

/** AF one-year index 1–5 (e.g. Yrkesprognoser 18H per county; high = shortage). */
export interface IndexOneYearIndicator extends Base {
  kind: 'af_index_1y';
  value: number;
}

/** AF local bristindex 1–5 per FA region. */
export interface LocalIndexIndicator extends Base {
  kind: 'af_local_index';
  value: number;
}

/** Change in employees between two comparable years (annualised percent). */
export interface EmploymentChangeIndicator extends Base {
  kind: 'employment_change';
  /** Annualised change in percent. */
  value: number;
  fromYear: number;
  toYear: number;
  fromValue: number;
  toValue: number;
  /** True when the change spans a documented series break (then it is shown, never silently scored). */
  acrossBreak: boolean;
}

/** Share of the employed aged 55 or over (0–1): a supporting indicator of replacement demand. */
export interface Share55Indicator extends Base {
  kind: 'share_55_plus';
  value: number;
  /** Age groups of the method the data of this year does not count (a series break; the note says so). */
  ageGroupsMissing?: string[];
}

/**
 * Employer signals: the needs the region's competence brokers recorded (issue 11), per occupation × geography over
 * the last 12 months. Counts below the suppression threshold (3 employers) are never carried: such a cell holds
 * only `suppressed: true`, so no stored row, API answer, export or page can show them.
 */
export interface EmployerSignalsIndicator extends Base {
  kind: 'employer_signals';
  /** Distinct employers with a need in the window; null when suppressed (fewer than 3). */
  value: number | null;
  /** People the employers asked for; null when suppressed. */
  people: number | null;
  /** The newest day a need was heard (ISO date); null when suppressed (it could point at one employer). */
  latest: string | null;
  /** Fewer than 3 employers: shown as "färre än 3", never scored. */
  suppressed: boolean;
}

/** Education supply relative to need: typed empty slot, filled by a later issue. */
export interface EducationSupplyIndicator extends Base {
  kind: 'education_supply';
  /** Qualified entrants per estimated yearly opening, or null while unknown. */
  value: number | null;
}

export type Indicator =
  | RecruitmentIndicator
  | JobOpportunitiesIndicator
  | IndexOneYearIndicator
  | LocalIndexIndicator
  | EmploymentChangeIndicator
  | Share55Indicator
  | EmployerSignalsIndicator
  | EducationSupplyIndicator;

export type IndicatorKind = Indicator['kind'];
export type IndicatorOf<K extends IndicatorKind> = Extract<Indicator, { kind: K }>;

/** Inputs to the outlook (not scored into the class). */
export type OutlookInput =
  | (IndicatorProvenance & { kind: 'af_prognos'; value: Outlook })
  | (IndicatorProvenance & {
      kind: 'af_index_5y';
      /** Five-year index 1–5. */
      value: number;
      /** One-year index of the same occupation to compare with, when known. */
      baseline: number | null;
    });

/** Facts shown beside the signal (employees, women, retirements); not scored. */
export interface SignalContext {
  employees?: IndicatorProvenance & { value: number; year: number };
  shareWomen?: IndicatorProvenance & { value: number; year: number };
  retirements?: IndicatorProvenance & {
    within5: number;
    within10: number;
    year: number;
    /** Age groups of the method the data of this year does not count (a series break; the note says so). */
    ageGroupsMissing?: string[];
  };
}

/** Everything the method needs for one occupation × geography × round. */
export interface SignalInput {
  ssyk: string;
  geographyId: string;
  round: string;
  /** Reference date of the round (ISO), against which the age of the data is judged. */
  referenceDate: string;
  indicators: Indicator[];
  outlook: OutlookInput[];
  context: SignalContext;
  /** Member geographies of an area and whether any indicator reached them. */
  members?: { withData: string[]; without: string[] };
}

export type Effect = 'toward_shortage' | 'toward_surplus' | 'neutral' | 'not_scored';

/** A scored indicator in short, as a list of signals shows it: kind, value, score, source, period. */
export interface KeyIndicator {
  kind: IndicatorKind;
  value: number | string | null;
  score: number;
  sourceId: string;
  period: string;
  estimated: boolean;
}

/** One line of the explanation: an indicator with value, source, period and how it moved the result. */
export interface ExplainedIndicator {
  kind: IndicatorKind;
  label: Localized;
  display: Localized;
  sourceId: string;
  period: string;
  unit: string;
  estimated: boolean;
  measuredAt?: string;
  score: number | null;
  weight: number;
  /** weight × score / sum of weights: this indicator's share of the final score. */
  contribution: number | null;
  effect: Effect;
  evidenceGroup: string;
  note?: Localized;
  members?: IndicatorMembers;
}

export interface Driver {
  code:
    | 'af_shortage'
    | 'af_surplus'
    | 'local_shortage'
    | 'local_surplus'
    | 'employment_growth'
    | 'employment_decline'
    | 'retirements'
    | 'recruitment_problems'
    | 'jobseeker_surplus'
    | 'employer_signals';
  indicator: IndicatorKind;
  label: Localized;
}

export interface ConfidenceFactor {
  code: 'groups' | 'disagreement' | 'age' | 'estimated' | 'coverage' | 'insufficient';
  delta: number;
  text: Localized;
}

export interface Signal {
  ssyk: string;
  geographyId: string;
  round: string;
  methodVersion: string;
  methodHash: string;
  signalClass: SignalClass;
  /** Weighted mean score 0–3 over scored indicators (null without any). */
  score: number | null;
  /** True in the watch band (score between watch and shortage thresholds). */
  watch: boolean;
  outlook: Outlook | null;
  confidence: number;
  drivers: Driver[];
  evidence: { groups: string[]; satisfied: boolean; reason: Localized };
  explanation: {
    summary: Localized;
    /** The score beside the class: "Poäng 2,67 av 3", or where the evidence rule decides, why it gives no class. */
    score: Localized;
    /** Which way the table's indicators pull (made from their effects, so the two always agree). */
    direction: Localized;
    indicators: ExplainedIndicator[];
    outlook: Array<{
      kind: OutlookInput['kind'];
      display: Localized;
      sourceId: string;
      period: string;
      result: Outlook | null;
      /** Geography the figure was measured for, when it differs from the signal's (e.g. `country:SE`). */
      measuredAt?: string;
    }>;
    confidence: ConfidenceFactor[];
    context: SignalContext;
    members?: { withData: string[]; without: string[] };
  };
}

/** The provenance fields that a round's inputs of one slot share (kept once per round, not per signal row). */
export type SlotProvenance = Pick<IndicatorProvenance, 'sourceId' | 'period' | 'asOf' | 'unit' | 'estimated'>;

/** A round's input defaults: its reference date and, per slot (`indicators/<kind>` …), the shared provenance. */
export interface InputDefaults {
  referenceDate: string;
  /** Provenance per slot, e.g. `indicators/af_index_1y`, `outlook/af_prognos`, `context/employees`. */
  slots: Record<string, SlotProvenance>;
  /** The employer needs a method that scores them read (absent for methods that do not). */
  needs?: NeedsWindow;
}

/** The window of employer needs a computation counted: 12 months up to the day it ran (ISO dates, inclusive). */
export interface NeedsWindow {
  since: string;
  until: string;
}
