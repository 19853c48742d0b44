import type { SignalClass } from '../../core/signals/types.js';
import { CLASS_ORDER, CLASS_STYLES, type ClassStyle } from './classes.js';
import { type ClassCounts, emptyCounts } from './table-data.js';

/**
 * The map legend and the class per region: pure, so what a map shows (and its table alternative) is tested
 * without a browser.
 */

/** What a region on the map shows: a class, or `none` when the occupation has no signal there. */
export type MapValue = SignalClass | 'none';

export interface LegendItem {
  value: MapValue;
  style: ClassStyle;
  /** Regions with this value. */
  count: number;
}

/** The style of a region without a signal: white with a grey edge, labelled "no data". */
export const NO_DATA_STYLE: ClassStyle = {
  icon: '–',
  fill: '#ffffff',
  stroke: '#5f6b7a',
  text: '#1b1f24',
  pattern: 'none',
};

export function styleOf(value: MapValue): ClassStyle {
  return value === 'none' ? NO_DATA_STYLE : CLASS_STYLES[value];
}

/**
 * Legend items for the regions drawn: every class in the usual order with its count, plus "no data" when some
 * regions have no value. Classes with no region are kept (count 0) so the legend does not change between
 * occupations, except "no data", which only appears when it occurs.
 */
export function legendItems(
  regionIds: readonly string[],
  values: ReadonlyMap<string, MapValue>,
): LegendItem[] {
  const counts = new Map<MapValue, number>();
  for (const id of regionIds) {
    const value = values.get(id) ?? 'none';
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const items: LegendItem[] = CLASS_ORDER.map((value) => ({
    value,
    style: CLASS_STYLES[value],
    count: counts.get(value) ?? 0,
  }));
  const none = counts.get('none') ?? 0;
  if (none > 0) items.push({ value: 'none', style: NO_DATA_STYLE, count: none });
  return items;
}

/**
 * The class a region shows for a whole occupational field: the most common class among the field's occupations
 * that have enough evidence there (ties go to the class listed first: shortage before balance before surplus).
 * Insufficient evidence only when no occupation has a class; `none` when there is no signal at all.
 */
export function dominantClass(counts: ClassCounts): MapValue {
  let best: SignalClass | undefined;
  for (const value of CLASS_ORDER) {
    if (value === 'otillrackligt_underlag') continue;
    if (counts[value] > 0 && (best === undefined || counts[value] > counts[best])) best = value;
  }
  if (best) return best;
  return counts.otillrackligt_underlag > 0 ? 'otillrackligt_underlag' : 'none';
}

/** Adds up class counts per region from several occupations' maps. */
export function countPerRegion(
  maps: ReadonlyArray<ReadonlyArray<{ geographyId: string; signalClass: SignalClass }>>,
): Map<string, ClassCounts> {
  const out = new Map<string, ClassCounts>();
  for (const entries of maps) {
    for (const entry of entries) {
      let counts = out.get(entry.geographyId);
      if (!counts) {
        counts = emptyCounts();
        out.set(entry.geographyId, counts);
      }
      counts[entry.signalClass] += 1;
    }
  }
  return out;
}
