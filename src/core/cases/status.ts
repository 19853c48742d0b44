import { addWorkingDays } from '../calendar/working-days.js';

/**
 * A broker case's path (issue 11): every employer need opens a case in `new`; the broker talks with the employer
 * and the region (`dialogue`), proposes one or more solutions (`solution_proposed`), gives the employer feedback
 * (`feedback_given`) and closes it. A case can be withdrawn (the employer no longer has the need) until it is
 * closed. Closed and withdrawn are final.
 */
export const CASE_STATUSES = [
  'new',
  'dialogue',
  'solution_proposed',
  'feedback_given',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses a case may move to from each status. Skipping the dialogue is allowed (the answer may be quick). */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['dialogue', 'solution_proposed', 'withdrawn'],
  dialogue: ['solution_proposed', 'withdrawn'],
  solution_proposed: ['dialogue', 'feedback_given', 'withdrawn'],
  feedback_given: ['closed', 'dialogue'],
  closed: [],
  withdrawn: [],
};

/** Statuses in which the employer still waits for feedback: the deadline applies. */
export const AWAITING_FEEDBACK: readonly CaseStatus[] = ['new', 'dialogue', 'solution_proposed'];

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export type TransitionCheck = { ok: true } | { ok: false; allowed: readonly CaseStatus[]; reason: string };

/**
 * Whether a case may move from `from` to `to`. A refusal names the allowed next statuses, so the message can say
 * what to do instead. Feedback can only be given with a feedback text, and a solution must exist first.
 */
export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  context: { solutions: number; hasFeedbackText: boolean },
): TransitionCheck {
  const allowed = CASE_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    return {
      ok: false,
      allowed,
      reason:
        allowed.length === 0
          ? `Ärendet är ${from} och kan inte ändras`
          : `Från ${from} kan ärendet bara gå till ${allowed.join(', ')}`,
    };
  }
  if (to === 'solution_proposed' && context.solutions === 0) {
    return {
      ok: false,
      allowed,
      reason: 'Lägg till minst en lösning innan ärendet får status solution_proposed',
    };
  }
  if (to === 'feedback_given' && !context.hasFeedbackText) {
    return { ok: false, allowed, reason: 'Skriv återkopplingen till arbetsgivaren (feedbackText)' };
  }
  return { ok: true };
}

/** The feedback deadline: `workingDays` Swedish working days after the day the need was heard. */
export function feedbackDeadline(openedOn: string, workingDays: number): string {
  return addWorkingDays(openedOn, workingDays);
}

/** Overdue: still awaiting feedback and the deadline has passed (the deadline day itself is still in time). */
export function isOverdue(c: { status: CaseStatus; deadline: string }, today: string): boolean {
  return AWAITING_FEEDBACK.includes(c.status) && today > c.deadline;
}

/** Kinds of solution a case can propose. `not_education` is the paradox case (pay, working conditions, …). */
export const SOLUTION_KINDS = [
  'education_offer',
  'learning_centre',
  'new_programme_yrkesvux',
  'new_programme_yh',
  'new_programme_contract',
  'validation',
  'af_recruitment',
  'not_education',
] as const;
export type SolutionKind = (typeof SOLUTION_KINDS)[number];
