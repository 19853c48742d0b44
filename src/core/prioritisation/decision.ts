/**
 * Rules of the consultation and decision: the municipalities' majority per candidate, when a decision needs a
 * written rationale, and the difference between two published lists.
 */

export type Vote = 'agree' | 'disagree' | 'not_relevant';
export const VOTES: readonly Vote[] = ['agree', 'disagree', 'not_relevant'];

export interface VoteTally {
  agree: number;
  disagree: number;
  notRelevant: number;
  /** 'include' when more agree than disagree, 'exclude' when more disagree, null on a tie or without votes. */
  majority: 'include' | 'exclude' | null;
}

/** Counts the votes of one candidate; "not relevant locally" is counted but takes no side. */
export function tallyVotes(votes: readonly Vote[]): VoteTally {
  let agree = 0;
  let disagree = 0;
  let notRelevant = 0;
  for (const v of votes) {
    if (v === 'agree') agree++;
    else if (v === 'disagree') disagree++;
    else notRelevant++;
  }
  const majority = agree > disagree ? 'include' : disagree > agree ? 'exclude' : null;
  return { agree, disagree, notRelevant, majority };
}

export type Departure = 'draft' | 'majority';

/**
 * Where a decision departs from the draft (proposed or not) or from the municipalities' majority. A rationale is
 * required whenever the result is not empty.
 */
export function decisionDepartures(
  include: boolean,
  proposedByDraft: boolean,
  majority: VoteTally['majority'],
): Departure[] {
  const out: Departure[] = [];
  if (include !== proposedByDraft) out.push('draft');
  if (majority !== null && include !== (majority === 'include')) out.push('majority');
  return out;
}

export interface ListEntry {
  ssyk: string;
  name: string;
  seqfBand: string;
  field: string | null;
}

export interface ListDiff {
  added: ListEntry[];
  removed: ListEntry[];
  moved: Array<ListEntry & { fromBand: string }>;
  unchanged: number;
}

const key = (e: ListEntry) => e.ssyk || `name:${e.name.toLocaleLowerCase('sv')}`;
const collator = new Intl.Collator('sv');
const byName = (a: ListEntry, b: ListEntry) => collator.compare(a.name, b.name);

/** The difference of a list from the previous one: added, removed and occupations that moved to another band. */
export function diffLists(previous: readonly ListEntry[], current: readonly ListEntry[]): ListDiff {
  const before = new Map(previous.map((e) => [key(e), e]));
  const after = new Map(current.map((e) => [key(e), e]));
  const added: ListEntry[] = [];
  const moved: ListDiff['moved'] = [];
  let unchanged = 0;
  for (const [k, e] of after) {
    const old = before.get(k);
    if (!old) added.push(e);
    else if (old.seqfBand !== e.seqfBand) moved.push({ ...e, fromBand: old.seqfBand });
    else unchanged++;
  }
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, e]) => e);
  return { added: added.sort(byName), removed: removed.sort(byName), moved: moved.sort(byName), unchanged };
}
