import { createHash } from 'node:crypto';
import { canonicalJson } from '../signals/method.js';
import { type ComponentWeights, P1_LIST_SIZE, P1_WEIGHTS } from './method-values.js';

/**
 * The prioritisation method: how the draft list of "prioriterade bristyrken" is ranked from the evidence. Like the
 * signal method, every number is data in a versioned definition with a content hash, so a published list can say
 * which method made its draft and a changed weight is a new hash. docs/prioritisation.md explains it.
 */

/** The SeQF bands a list is grouped by (occupations without an education requirement are not listed). */
export type PriorityBand = '4' | '5-6' | '6-8';
export const PRIORITY_BANDS: readonly PriorityBand[] = ['4', '5-6', '6-8'];

export type { ComponentName, ComponentWeights } from './method-values.js';
export { COMPONENT_NAMES } from './method-values.js';

export interface PrioritisationMethodDefinition {
  version: string;
  /** Default weights (a region may set its own; they are renormalised over the components with data). */
  weights: ComponentWeights;
  /** Default number of occupations proposed per band. */
  listSize: number;
  /** Retirement share within 5 years that counts as full replacement demand (relative part). */
  fullRetirementShare: number;
  /** Annual employment change (percent) mapped linearly from 0 (at −bound) to 1 (at +bound). */
  trendBoundPercent: number;
  /** Value of the trend component when no comparable employment change exists: neither good nor bad. */
  trendMissing: number;
}

/** Version p1; why the weights are what they are is said in method-values.ts. */
export const prioritisationV1Definition: PrioritisationMethodDefinition = {
  version: 'p1',
  // The values live in method-values.ts (no node:crypto there, so the browser can show them as defaults).
  weights: { ...P1_WEIGHTS },
  listSize: P1_LIST_SIZE,
  fullRetirementShare: 0.25,
  trendBoundPercent: 3,
  trendMissing: 0.5,
};

export interface PrioritisationMethod {
  version: string;
  hash: string;
  definition: PrioritisationMethodDefinition;
}

/** Wraps a definition with its content hash (sha256 of the canonical JSON, 16 hex characters). */
export function definePrioritisationMethod(definition: PrioritisationMethodDefinition): PrioritisationMethod {
  const hash = createHash('sha256').update(canonicalJson(definition)).digest('hex').slice(0, 16);
  return { version: definition.version, hash, definition };
}

export const prioritisationV1 = definePrioritisationMethod(prioritisationV1Definition);
export const currentPrioritisationMethod = prioritisationV1;

/** True when the string is one of the listed bands. */
export function isPriorityBand(value: string | null | undefined): value is PriorityBand {
  return value === '4' || value === '5-6' || value === '6-8';
}
