import { normaliseTitle, titleTokens } from './normalise.js';

/**
 * Matching free-text occupation titles (and search queries) to SSYK-4 groups through the JobTech Taxonomy: SSYK-4
 * labels, occupation names (yrkesbenämningar) and keywords (synonyms). Pure: the caller builds the index from the
 * database once and passes it in.
 */

export type MatchVia = 'ssyk_label' | 'occupation_name' | 'synonym' | 'code';
export type MatchStatus = 'matched' | 'ambiguous' | 'none';

export interface MatchCandidate {
  /** SSYK-4 code (AF variant), a string. */
  ssyk: string;
  /** The SSYK-4 group's Swedish label. */
  label: string;
  /** The label, occupation name or keyword that matched (as published), or the code itself. */
  matchedName: string;
  via: MatchVia;
  /** 0–1; 1 = the whole title equals a name, label, keyword or code. */
  score: number;
}

export interface TitleMatch {
  status: MatchStatus;
  /** One per SSYK-4 group, best first (ties: trusted kind, shorter matched text, code). */
  candidates: MatchCandidate[];
}

/** What the index is built from (rows of ssyk_groups level 4, occupation_names and occupation_name_synonyms). */
export interface OccupationIndexInput {
  groups: ReadonlyArray<{ ssyk: string; label: string }>;
  names: ReadonlyArray<{ ssyk: string; name: string }>;
  synonyms: ReadonlyArray<{ ssyk: string; label: string }>;
}

interface IndexEntry {
  ssyk: string;
  text: string;
  via: Exclude<MatchVia, 'code'>;
  normalised: string;
  /** Tokens joined without spaces: "IT-tekniker" and "ittekniker", "lastbils förare" and "lastbilsförare" meet. */
  compact: string;
  tokens: string[];
}

export interface OccupationIndex {
  entries: IndexEntry[];
  labels: ReadonlyMap<string, string>;
}

/** How much a kind of entry is trusted: a keyword may be a topic ("Turism"), a name is a job title. */
const VIA_WEIGHT: Record<MatchVia, number> = { code: 1, occupation_name: 1, ssyk_label: 0.97, synonym: 0.9 };
/** Order among equal scores. */
const VIA_RANK: Record<MatchVia, number> = { code: 0, occupation_name: 1, ssyk_label: 2, synonym: 3 };

/** Below this the best candidate is not a match (it is still returned as a suggestion for review). */
export const MATCH_THRESHOLD = 0.6;
/** A second SSYK-4 group within this distance of the best makes the title ambiguous. */
export const AMBIGUITY_MARGIN = 0.1;
/** Candidates below this are not even suggestions. */
const SUGGESTION_FLOOR = 0.3;

function entry(ssyk: string, text: string, via: IndexEntry['via']): IndexEntry | undefined {
  const tokens = titleTokens(text);
  if (tokens.length === 0) return undefined;
  return { ssyk, text, via, normalised: normaliseTitle(text), compact: tokens.join(''), tokens };
}

/**
 * Builds the index. A JobTech name with alternatives ("Systemutvecklare/Programmerare", "Servitör/Servitris") is
 * also indexed per alternative, reported with its full published name.
 */
export function buildOccupationIndex(input: OccupationIndexInput): OccupationIndex {
  const entries: IndexEntry[] = [];
  const push = (e: IndexEntry | undefined): void => {
    if (e) entries.push(e);
  };
  for (const g of input.groups) push(entry(g.ssyk, g.label, 'ssyk_label'));
  for (const n of input.names) {
    push(entry(n.ssyk, n.name, 'occupation_name'));
    const parts = n.name.split('/').map((p) => p.trim());
    if (parts.length > 1) {
      for (const part of parts) {
        const e = entry(n.ssyk, part, 'occupation_name');
        if (e) entries.push({ ...e, text: n.name });
      }
    }
  }
  for (const s of input.synonyms) push(entry(s.ssyk, s.label, 'synonym'));
  return { entries, labels: new Map(input.groups.map((g) => [g.ssyk, g.label])) };
}

type Mode = 'match' | 'search';

/**
 * How well one query word matches one entry word: equal 1; entry word starts with it (a word being typed, or a
 * compound "sjuksköterska" → "sjuksköterskechef") 0.9 when searching, 0.7 when matching; the head of a compound
 * ("förare" in "lastbilsförare") 0.75/0.6; the query a compound of the entry word 0.55; inside a word 0.6/0.45.
 */
function wordScore(q: string, e: string, mode: Mode): number {
  if (q === e) return 1;
  const search = mode === 'search';
  // While typing, the closer the word is to complete, the better ("under" ranks "Underskötare" before "Undervisningsråd").
  if (q.length >= (search ? 2 : 4) && e.startsWith(q))
    return search ? 0.75 + 0.15 * (q.length / e.length) : 0.7;
  if (q.length >= 4 && e.endsWith(q)) return search ? 0.75 : 0.6;
  if (e.length >= 4 && q.endsWith(e)) return 0.55;
  if (q.length >= 4 && e.includes(q)) return search ? 0.6 : 0.45;
  // Two compounds with the same head ("bilmekaniker", "motorfordonsmekaniker"): a suggestion, not a match.
  if (commonSuffixLength(q, e) >= Math.max(6, Math.ceil(q.length / 2))) return 0.45;
  return 0;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function scoreEntry(
  queryTokens: readonly string[],
  normalised: string,
  compact: string,
  e: IndexEntry,
  mode: Mode,
): number {
  if (normalised === e.normalised || compact === e.compact) return VIA_WEIGHT[e.via];
  let matched = 0;
  const used = new Set<number>();
  for (const q of queryTokens) {
    let best = 0;
    let bestIndex = -1;
    e.tokens.forEach((t, i) => {
      if (used.has(i)) return;
      const s = wordScore(q, t, mode);
      if (s > best) {
        best = s;
        bestIndex = i;
      }
    });
    if (bestIndex >= 0) used.add(bestIndex);
    matched += best;
  }
  if (matched === 0) return 0;
  // Mostly: how much of the query is explained; a little: how much of the entry is (shorter entries win ties).
  const coverage = matched / queryTokens.length;
  const precision = used.size / e.tokens.length;
  // Never as high as an exact match.
  return Math.min(0.95, coverage * (0.75 + 0.25 * precision)) * VIA_WEIGHT[e.via];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function rankCandidates(query: string, index: OccupationIndex, mode: Mode): MatchCandidate[] {
  const normalised = normaliseTitle(query);
  const tokens = titleTokens(query);
  const best = new Map<string, MatchCandidate>();
  const consider = (c: MatchCandidate): void => {
    const current = best.get(c.ssyk);
    if (
      !current ||
      c.score > current.score ||
      (c.score === current.score && VIA_RANK[c.via] < VIA_RANK[current.via])
    ) {
      best.set(c.ssyk, c);
    }
  };
  // An SSYK-4 code written in the title ("5321", "5321 Undersköterskor").
  for (const word of normalised.split(' ')) {
    const label = /^\d{4}$/.test(word) ? index.labels.get(word) : undefined;
    if (label !== undefined) consider({ ssyk: word, label, matchedName: word, via: 'code', score: 1 });
  }
  if (tokens.length > 0) {
    const compact = tokens.join('');
    for (const e of index.entries) {
      const score = scoreEntry(tokens, normalised, compact, e, mode);
      if (score < SUGGESTION_FLOOR) continue;
      consider({
        ssyk: e.ssyk,
        label: index.labels.get(e.ssyk) ?? e.ssyk,
        matchedName: e.text,
        via: e.via,
        score: round(score),
      });
    }
  }
  // Ties: the more trusted kind, then the shorter matched text (closer to what was typed: "Bussförare" before
  // "Relationsmarknadsförare" for "förare"), then the code, so the order is stable.
  return [...best.values()].sort(
    (a, b) =>
      b.score - a.score ||
      VIA_RANK[a.via] - VIA_RANK[b.via] ||
      a.matchedName.length - b.matchedName.length ||
      a.ssyk.localeCompare(b.ssyk),
  );
}

/**
 * Matches one free-text title: `matched` when the best SSYK-4 group scores at least {@link MATCH_THRESHOLD} and no
 * other group is within {@link AMBIGUITY_MARGIN} of it; `ambiguous` when another group is that close (the caller
 * asks a person to choose); `none` when nothing reaches the threshold (the weaker candidates are still returned as
 * suggestions). At most `limit` candidates (default 5).
 */
export function matchTitle(
  title: string,
  index: OccupationIndex,
  options: { limit?: number } = {},
): TitleMatch {
  const candidates = rankCandidates(title, index, 'match').slice(0, options.limit ?? 5);
  const [first, second] = candidates;
  if (!first || first.score < MATCH_THRESHOLD) return { status: 'none', candidates };
  if (second && first.score - second.score <= AMBIGUITY_MARGIN) return { status: 'ambiguous', candidates };
  return { status: 'matched', candidates };
}

/**
 * Search as you type: like {@link matchTitle} but a word being typed matches the start of a word ("under" →
 * "Undersköterska"), and every candidate above the suggestion floor is returned, best first, at most `limit`.
 */
export function searchOccupationIndex(
  query: string,
  index: OccupationIndex,
  options: { limit?: number } = {},
): MatchCandidate[] {
  return rankCandidates(query, index, 'search').slice(0, options.limit ?? 10);
}
