import { CASE_STATUSES, type CaseStatus, SOLUTION_KINDS } from './status.js';

/**
 * The yearly report of an area (issue 11; reused by the annual report later): needs by occupation and field, cases by
 * status, median calendar days from the day a need was heard to the feedback, the share of cases answered within the
 * deadline (of the cases answered or past their deadline, withdrawn ones excluded), and solutions by kind.
 */
export interface ReportNeed {
  id: string;
  employerId: string;
  people: number;
  ssyk: string[];
}

export interface ReportCase {
  needId: string;
  status: CaseStatus;
  openedOn: string;
  deadline: string;
  feedbackOn: string | null;
}

export interface NeedsReport {
  needs: number;
  employers: number;
  byOccupation: Array<{
    ssyk: string;
    field: string | null;
    needs: number;
    employers: number;
    people: number;
  }>;
  byStatus: Record<CaseStatus, number>;
  medianDaysToFeedback: number | null;
  /** Cases answered or past their deadline (withdrawn excluded), and of those the ones answered in time. */
  due: number;
  answeredInTime: number;
  shareInTime: number | null;
  solutionsByKind: Record<string, number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function needsReport(
  input: {
    needs: ReportNeed[];
    cases: ReportCase[];
    solutionKinds: string[];
    fieldOf: (ssyk: string) => string | null;
  },
  today: string,
): NeedsReport {
  const occupations = new Map<string, { needs: number; employers: Set<string>; people: number }>();
  for (const n of input.needs) {
    for (const s of n.ssyk) {
      const o = occupations.get(s) ?? { needs: 0, employers: new Set<string>(), people: 0 };
      o.needs += 1;
      o.employers.add(n.employerId);
      o.people += n.people;
      occupations.set(s, o);
    }
  }
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const toFeedback: number[] = [];
  let due = 0;
  let inTime = 0;
  for (const c of input.cases) {
    byStatus[c.status] += 1;
    if (c.feedbackOn) toFeedback.push(days(c.openedOn, c.feedbackOn));
    if (c.status === 'withdrawn') continue;
    if (c.feedbackOn || today > c.deadline) {
      due += 1;
      if (c.feedbackOn && c.feedbackOn <= c.deadline) inTime += 1;
    }
  }
  const solutionsByKind = Object.fromEntries(SOLUTION_KINDS.map((k) => [k, 0])) as Record<string, number>;
  for (const k of input.solutionKinds) solutionsByKind[k] = (solutionsByKind[k] ?? 0) + 1;
  return {
    needs: input.needs.length,
    employers: new Set(input.needs.map((n) => n.employerId)).size,
    byOccupation: [...occupations.entries()]
      .map(([ssyk, o]) => ({
        ssyk,
        field: input.fieldOf(ssyk),
        needs: o.needs,
        employers: o.employers.size,
        people: o.people,
      }))
      .sort((a, b) => b.people - a.people || a.ssyk.localeCompare(b.ssyk)),
    byStatus,
    medianDaysToFeedback: median(toFeedback),
    due,
    answeredInTime: inTime,
    shareInTime: due === 0 ? null : inTime / due,
    solutionsByKind,
  };
}
