/**
 * Learners of a learning centre (issue 14): the codes, the follow-up window and the retention rule. Pure: dates
 * are ISO calendar dates passed in by the caller.
 */

export const STUDY_FORMS = ['komvux', 'yrkesvux', 'yh', 'university', 'folkhogskola', 'other'] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];

export const GENDERS = ['woman', 'man', 'other', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

export const AGE_BANDS = ['-24', '25-34', '35-44', '45-54', '55-'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const COMPLETIONS = ['ongoing', 'completed', 'dropped_out'] as const;
export type Completion = (typeof COMPLETIONS)[number];

export interface LearnerSettings {
  /** The survey is sent at the earliest this many months after completion. */
  surveyAfterMonths: number;
  /** … and no later than this many months after completion (the window closes). */
  surveyUntilMonths: number;
  /** Days a survey link can be used. */
  surveyLinkDays: number;
  /** Months after completion or drop-out when name and e-mail are removed (the row stays for the counts). */
  retentionMonths: number;
}

/** Defaults (documented in docs/personal-data.md): survey 6–12 months after completion, link 30 days, 24 months. */
export const DEFAULT_LEARNER_SETTINGS: LearnerSettings = {
  surveyAfterMonths: 6,
  surveyUntilMonths: 12,
  surveyLinkDays: 30,
  retentionMonths: 24,
};

/** Settings with the defaults filled in for what a centre has not set. */
export function learnerSettingsWithDefaults(s: Partial<Record<keyof LearnerSettings, number | null>>) {
  return {
    surveyAfterMonths: s.surveyAfterMonths ?? DEFAULT_LEARNER_SETTINGS.surveyAfterMonths,
    surveyUntilMonths: s.surveyUntilMonths ?? DEFAULT_LEARNER_SETTINGS.surveyUntilMonths,
    surveyLinkDays: s.surveyLinkDays ?? DEFAULT_LEARNER_SETTINGS.surveyLinkDays,
    retentionMonths: s.retentionMonths ?? DEFAULT_LEARNER_SETTINGS.retentionMonths,
  } satisfies LearnerSettings;
}

/** `2026-01-31` + 1 month → `2026-02-28` (the day is clamped to the month's length). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * True when a completed learner is due for the follow-up survey today: completed, has an e-mail, not surveyed
 * yet, and today is within [completion + after, completion + until).
 */
export function surveyDue(
  learner: { completion: string; completionDate: string | null; hasEmail: boolean; surveyed: boolean },
  settings: LearnerSettings,
  today: string,
): boolean {
  if (
    learner.completion !== 'completed' ||
    !learner.completionDate ||
    !learner.hasEmail ||
    learner.surveyed
  ) {
    return false;
  }
  return (
    addMonths(learner.completionDate, settings.surveyAfterMonths) <= today &&
    today < addMonths(learner.completionDate, settings.surveyUntilMonths)
  );
}

/** True when name and e-mail of a finished learner (completed or dropped out) must go. */
export function anonymisationDue(
  learner: { completion: string; completionDate: string | null },
  settings: LearnerSettings,
  today: string,
): boolean {
  if (learner.completion === 'ongoing' || !learner.completionDate) return false;
  return addMonths(learner.completionDate, settings.retentionMonths) <= today;
}
