import { computeSignal } from './classify.js';
import type { Method, MethodDefinition } from './method.js';
import type { IndicatorKind, Signal } from './types.js';

// Asked once per occupation × geography while a round is built: worked out once per definition object.
const kindsByMethod = new WeakMap<MethodDefinition, ReadonlySet<IndicatorKind>>();

/**
 * Which indicators can make the evidence sufficient, derived from the method: the scored kinds (weight > 0) of the
 * category the evidence rule requires. With none of them a signal is otillräckligt underlag whatever else is known,
 * so such pairs need not be stored; a method version that scores a new kind of assessment (employer signals) widens
 * this set by itself.
 */
export function evidenceKinds(method: MethodDefinition): ReadonlySet<IndicatorKind> {
  const known = kindsByMethod.get(method);
  if (known) return known;
  const kinds = new Set<IndicatorKind>();
  for (const [kind, rule] of Object.entries(method.indicators) as Array<
    [IndicatorKind, MethodDefinition['indicators'][IndicatorKind]]
  >) {
    if (rule.weight > 0 && rule.category === method.evidence.requireCategory) kinds.add(kind);
  }
  kindsByMethod.set(method, kinds);
  return kinds;
}

/** False when none of the indicators can satisfy the evidence rule (see `evidenceKinds`): the class is certain. */
export function mayHaveSufficientEvidence(
  indicators: ReadonlyArray<{ kind: IndicatorKind }>,
  method: MethodDefinition,
): boolean {
  const kinds = evidenceKinds(method);
  return indicators.some((i) => kinds.has(i.kind));
}

/** What a pair without any indicator that can make the evidence sufficient gets (class, score, confidence …). */
export type UnstoredSignal = Pick<Signal, 'signalClass' | 'score' | 'watch' | 'outlook' | 'confidence'> & {
  drivers: string[];
};

/**
 * The signal of a pair that was not stored because it cannot meet the evidence rule: computed by the method itself
 * from no indicators, so listings, maps and counts agree with it for every method version.
 */
export function unstoredSignal(method: Method): UnstoredSignal {
  const s = computeSignal(
    {
      ssyk: '',
      geographyId: '',
      round: '',
      referenceDate: '1970-01-01',
      indicators: [],
      outlook: [],
      context: {},
    },
    method,
    { explain: false },
  );
  return {
    signalClass: s.signalClass,
    score: s.score,
    watch: s.watch,
    outlook: s.outlook,
    confidence: s.confidence,
    drivers: s.drivers.map((d) => d.code),
  };
}
