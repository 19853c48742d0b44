import type { DataAge, KeyIndicator, Signal, SignalClass } from '../../core/signals/index.js';

/** What the read services return (and the web app imports as types): rounds, lists, explanations and maps. */

export interface RoundInfo {
  methodVersion: string;
  methodHash: string;
  roundId: string;
  label: string;
  dataset: string;
  referenceDate: string;
  geographyTypes: string[];
  signalCount: number;
  computedAt: Date;
  /** Per geography type: occupations with an assessment that can meet the evidence rule (stored signals). */
  coverage: Record<string, number>;
  /** Geography types for which this round is the default: the widest coverage, the newest on ties. */
  defaultFor: string[];
  /**
   * What the round's class and outlook look ahead: AF's assessments describe the coming year; the outlook (the
   * barometer's prognos or the five-year index) five years; null when the round has no outlook.
   */
  horizon: RoundHorizon;
  /** How old the data is at the time of the read (reference date, months, words, whether it counts as old). */
  age: DataAge;
}

export interface RoundHorizon {
  assessmentYears: number;
  outlookYears: number | null;
}

/** How the round of a read was chosen: asked for, or the default for the geography type (widest coverage). */
export type RoundChoice = 'requested' | 'widest_coverage';

/**
 * One occupation in a list: what the overview, its exports and the CLI show. The round is the list's; class names
 * come from the class code (every client has them); the indicators behind a signal are in its explanation
 * (GET /api/signals/{ssyk}).
 */
export interface SignalListItem {
  ssyk: string;
  label: { sv: string; en: string | null };
  /** The occupation's field: a key of the list's `fields`; null when the occupation has none. */
  fieldId: string | null;
  seqf: string | null;
  signalClass: SignalClass;
  score: number | null;
  watch: boolean;
  outlook: string | null;
  confidence: number;
  drivers: string[];
  /** The indicators that count in the score, with value, source and period (empty without a stored signal). */
  keyIndicators: KeyIndicator[];
  /** Employed in the occupation and geography (SCB), from the signal's context; null when not stored. */
  employees: { value: number; year: number } | null;
  /** Estimated retirements (SCB age structure), from the signal's context; null when not stored. */
  retirements: { within5: number; within10: number; estimated: boolean } | null;
}

/** Name of an occupational field in Swedish and English. */
export interface FieldName {
  sv: string;
  en: string;
}

export interface SignalListQuery {
  geo: string;
  round?: string;
  field?: string;
  seqf?: string;
  signalClass?: SignalClass;
  method?: string;
}

export interface SignalList {
  geography: { id: string };
  round: RoundInfo;
  /** Whether the round was asked for or is the default for the geography's type (widest coverage). */
  roundChoice: RoundChoice;
  methodVersion: string;
  /**
   * The employer needs the list's method counted (v2): the 12-month window up to the day of its computation, i.e.
   * the date of its needs data. Null for a method that does not read needs (v1).
   */
  needs: { since: string; until: string } | null;
  total: number;
  /** Names of the fields the rows refer to, by field id (each once, not per row). */
  fields: Record<string, FieldName>;
  signals: SignalListItem[];
}

export interface SignalDetail {
  ssyk: string;
  label: { sv: string; en: string | null };
  field: { id: string; sv: string; en: string } | null;
  seqf: string | null;
  geographyId: string;
  round: RoundInfo;
  signal: Signal;
}

export interface MapEntry {
  geographyId: string;
  signalClass: SignalClass;
  score: number | null;
  watch: boolean;
  outlook: string | null;
  confidence: number;
  /** Set when the geography has no signal of its own and shows the one of a geography containing it. */
  via?: string;
}

export interface SignalMapQuery {
  ssyk: string;
  type: 'county' | 'fa' | 'municipality';
  round?: string;
  method?: string;
}

export interface SignalMap {
  ssyk: string;
  type: string;
  round: RoundInfo;
  entries: MapEntry[];
}

/** The map's overview: per geography of a type, how many occupations the round puts in each class. */
export interface ClassOverview {
  type: 'county' | 'fa';
  round: RoundInfo;
  roundChoice: RoundChoice;
  /** Occupations (SSYK-4 groups) per geography: stored signals plus those the evidence rule leaves unclassed. */
  occupations: number;
  entries: Array<{ geographyId: string; counts: Record<SignalClass, number> }>;
}
