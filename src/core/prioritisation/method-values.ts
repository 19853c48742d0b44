/**
 * The names and default values of prioritisation method p1, in a module of their own without node:crypto, so the
 * browser's settings page can show the defaults a region overrides. method.ts builds the versioned definition (and
 * its hash) from these; changing a value here changes that hash.
 */

/** The components of the priority score, each normalised to 0–1 and shown separately. */
export type ComponentName =
  | 'severity'
  | 'confidence'
  | 'size'
  | 'replacement'
  | 'trend'
  | 'employerNeeds'
  | 'breadth'
  | 'strategic';
export const COMPONENT_NAMES: readonly ComponentName[] = [
  'severity',
  'confidence',
  'size',
  'replacement',
  'trend',
  'employerNeeds',
  'breadth',
  'strategic',
];

export type ComponentWeights = Record<ComponentName, number>;

/**
 * Shortage severity weighs most: the list is a list of shortage occupations. Size and replacement demand say how
 * many people the shortage concerns; employer needs and breadth are the regional evidence that "the shortage is
 * always local"; the strategic weight lets the region lift fields it has chosen to develop.
 */
export const P1_WEIGHTS: Readonly<ComponentWeights> = {
  severity: 0.3,
  confidence: 0.1,
  size: 0.15,
  replacement: 0.15,
  trend: 0.05,
  employerNeeds: 0.1,
  breadth: 0.1,
  strategic: 0.05,
};

/** Occupations proposed per band unless the region sets its own number. */
export const P1_LIST_SIZE = 15;
