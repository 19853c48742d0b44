import {
  employerSignalsDisplay,
  type KeyIndicator,
  type Localized,
  type SignalClass,
} from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { SignalListItem } from './read-types.js';
import { listSignals } from './signal-list.service.js';

/**
 * Two method versions side by side on one geography and round (`semafor signals compare`): which occupations'
 * class or score differ, and why — the indicators one version scores and the other does not. Built from the public
 * lists, so it shows exactly what the lists show (employer counts below 3 never reach it).
 */

export interface ComparedSide {
  signalClass: SignalClass;
  score: number | null;
  watch: boolean;
  drivers: string[];
}

export interface ComparedOccupation {
  ssyk: string;
  label: { sv: string; en: string | null };
  /** One entry per method, in the order asked for. */
  methods: Record<string, ComparedSide>;
  classChanged: boolean;
  /** What the later method scores that the first does not (or the other way round), in words. */
  why: Localized;
}

export interface SignalComparison {
  geography: { id: string };
  roundId: string;
  methods: string[];
  /** The needs window of each method's list (null for a method that does not read needs). */
  needs: Record<string, { since: string; until: string } | null>;
  occupations: number;
  /** Occupations whose class differs. */
  classChanged: number;
  /** Occupations whose score differs but not their class. */
  scoreChanged: number;
  unchanged: number;
  changed: ComparedOccupation[];
}

const l = (sv: string, en: string): Localized => ({ sv, en });
const sameScore = (a: number | null, b: number | null): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);

/** A key indicator in words: employer signals as the explanation says them, others by kind and value. */
function describe(k: KeyIndicator): Localized {
  if (k.kind === 'employer_signals' && typeof k.value === 'number') {
    const d = employerSignalsDisplay({ value: k.value, people: null, latest: null, suppressed: false });
    return { sv: `Arbetsgivarsignaler: ${d.sv}`, en: `Employer signals: ${d.en}` };
  }
  return l(`${k.kind} ${k.value ?? ''}`.trim(), `${k.kind} ${k.value ?? ''}`.trim());
}

function whyOf(a: SignalListItem, b: SignalListItem, [va, vb]: [string, string]): Localized {
  const kinds = (s: SignalListItem) => new Map(s.keyIndicators.map((k) => [k.kind, k]));
  const ka = kinds(a);
  const kb = kinds(b);
  const onlyB = [...kb.values()].filter((k) => !ka.has(k.kind)).map(describe);
  const onlyA = [...ka.values()].filter((k) => !kb.has(k.kind)).map(describe);
  const parts: Localized[] = [];
  if (onlyB.length > 0) {
    parts.push({
      sv: `${vb} räknar in ${onlyB.map((x) => x.sv).join('; ')}`,
      en: `${vb} scores ${onlyB.map((x) => x.en).join('; ')}`,
    });
  }
  if (onlyA.length > 0) {
    parts.push({
      sv: `${va} räknar in ${onlyA.map((x) => x.sv).join('; ')}`,
      en: `${va} scores ${onlyA.map((x) => x.en).join('; ')}`,
    });
  }
  if (parts.length === 0)
    return l(
      'Samma indikatorer, olika vikter eller gränser.',
      'Same indicators, other weights or thresholds.',
    );
  return { sv: `${parts.map((p) => p.sv).join('. ')}.`, en: `${parts.map((p) => p.en).join('. ')}.` };
}

/** Compares two method versions on one geography (the first method's default round unless `round`). */
export async function compareMethods(
  q: Queryable,
  query: { geo: string; methods: string[]; round?: string },
): Promise<SignalComparison> {
  if (query.methods.length !== 2 || query.methods[0] === query.methods[1]) {
    throw new AppError('validation_failed', 'Ange två olika metodversioner, t.ex. v1,v2.', {
      field: 'methods',
    });
  }
  const [va, vb] = query.methods as [string, string];
  const first = await listSignals(q, { geo: query.geo, round: query.round, method: va });
  const second = await listSignals(q, { geo: query.geo, round: first.round.roundId, method: vb });
  const bySsyk = new Map(second.signals.map((s) => [s.ssyk, s]));
  const side = (s: SignalListItem): ComparedSide => ({
    signalClass: s.signalClass,
    score: s.score,
    watch: s.watch,
    drivers: s.drivers,
  });
  const changed: ComparedOccupation[] = [];
  let classChanged = 0;
  let scoreChanged = 0;
  for (const a of first.signals) {
    const b = bySsyk.get(a.ssyk);
    if (!b) continue;
    const classDiffers = a.signalClass !== b.signalClass || a.watch !== b.watch;
    if (!classDiffers && sameScore(a.score, b.score)) continue;
    if (classDiffers) classChanged += 1;
    else scoreChanged += 1;
    changed.push({
      ssyk: a.ssyk,
      label: a.label,
      methods: { [va]: side(a), [vb]: side(b) },
      classChanged: classDiffers,
      why: whyOf(a, b, [va, vb]),
    });
  }
  // Class changes first, then by score difference (largest first).
  const delta = (c: ComparedOccupation) =>
    Math.abs((c.methods[vb]?.score ?? 0) - (c.methods[va]?.score ?? 0));
  changed.sort(
    (x, y) =>
      Number(y.classChanged) - Number(x.classChanged) || delta(y) - delta(x) || (x.ssyk < y.ssyk ? -1 : 1),
  );
  return {
    geography: { id: query.geo },
    roundId: first.round.roundId,
    methods: [va, vb],
    needs: { [va]: first.needs, [vb]: second.needs },
    occupations: first.signals.length,
    classChanged,
    scoreChanged,
    unchanged: first.signals.length - classChanged - scoreChanged,
    changed,
  };
}
