import type { Outlook, SignalClass } from '../../core/signals/types.js';

/**
 * How the traffic light is shown: every class has a text (from the `signals` catalogue), an icon and a colour,
 * so colour is never the only signal (WCAG 1.4.1). The icons are plain Unicode so they print and export as text.
 */

/** Classes in the order they are listed: shortage first, insufficient evidence last. */
export const CLASS_ORDER: readonly SignalClass[] = [
  'brist',
  'paradox',
  'balans',
  'overskott',
  'otillrackligt_underlag',
];

export interface ClassStyle {
  /** Shown before the text (and in maps as a label/pattern hint). */
  icon: string;
  /** Fill for maps and XLSX cells (light, so dark text on it meets 4.5:1). */
  fill: string;
  /** Strong colour for borders and the swatch edge (≥ 3:1 against white). */
  stroke: string;
  /** Text colour on `fill` (≥ 7:1). */
  text: string;
  /** SVG pattern id used in maps so classes differ in texture too. */
  pattern: 'solid' | 'diagonal' | 'dots' | 'cross' | 'none';
}

/** Colours checked for contrast: text on fill ≥ 7:1, stroke on white ≥ 3:1. */
export const CLASS_STYLES: Record<SignalClass, ClassStyle> = {
  brist: { icon: '▲', fill: '#f4c7c3', stroke: '#b3261e', text: '#5c0f0a', pattern: 'solid' },
  paradox: { icon: '◆', fill: '#e3d4f3', stroke: '#6f3fa8', text: '#3b1a63', pattern: 'cross' },
  balans: { icon: '●', fill: '#fbe7a6', stroke: '#8a6100', text: '#4a3400', pattern: 'dots' },
  overskott: { icon: '▼', fill: '#c8e6cf', stroke: '#1e6b34', text: '#0d3b1b', pattern: 'diagonal' },
  otillrackligt_underlag: { icon: '?', fill: '#e6e9ee', stroke: '#5f6b7a', text: '#1b1f24', pattern: 'none' },
};

/** Rank for sorting by class (shortage first). */
export function classRank(signalClass: SignalClass): number {
  const index = CLASS_ORDER.indexOf(signalClass);
  return index === -1 ? CLASS_ORDER.length : index;
}

/** Narrows a string from the URL or an API to a signal class. */
export function isSignalClass(value: unknown): value is SignalClass {
  return typeof value === 'string' && (CLASS_ORDER as readonly string[]).includes(value);
}

export const OUTLOOK_ORDER: readonly Outlook[] = ['oka', 'oforandrad', 'minska'];

/** Arrows for the five-year outlook, always shown with their text. */
export const OUTLOOK_ICONS: Record<Outlook, string> = { oka: '↗', oforandrad: '→', minska: '↘' };

export function isOutlook(value: unknown): value is Outlook {
  return typeof value === 'string' && (OUTLOOK_ORDER as readonly string[]).includes(value);
}

/**
 * SeQF bands as the regions list them: the highest education requirement first, "no requirement" and unknown
 * last. `none` = no formal requirement.
 */
export const SEQF_ORDER = ['6-8', '5-6', '4', 'none'] as const;
export type SeqfKey = (typeof SEQF_ORDER)[number] | 'unknown';

/** Rank for sorting by SeQF band (highest first, unknown last). */
export function seqfRank(band: string | null): number {
  const index = (SEQF_ORDER as readonly string[]).indexOf(band ?? '');
  return index === -1 ? SEQF_ORDER.length : index;
}

/** The key of a band for grouping and labels (`unknown` when the occupation has none). */
export function seqfKey(band: string | null): SeqfKey {
  return (SEQF_ORDER as readonly string[]).includes(band ?? '') ? (band as SeqfKey) : 'unknown';
}
