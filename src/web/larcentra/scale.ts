/**
 * The colour scale of the reach map: share of the population with a learning centre within 30 km, in five
 * classes from light to dark blue (ColorBrewer PuBu). Colour is never the only carrier: the table has the values,
 * flagged municipalities are also hatched, and the legend names each class.
 */
export const SHARE_CLASSES = [
  { from: 0, to: 0.25, colour: '#f1eef6' },
  { from: 0.25, to: 0.5, colour: '#bdc9e1' },
  { from: 0.5, to: 0.75, colour: '#74a9cf' },
  { from: 0.75, to: 0.9, colour: '#2b8cbe' },
  { from: 0.9, to: 1, colour: '#045a8d' },
] as const;

/** Fill for municipalities without population figures. */
export const NO_DATA_COLOUR = '#ffffff';

/** The class index of a share (0–1); the last class includes 1, each class includes its lower bound. */
export function shareClass(share: number | null | undefined): number | undefined {
  if (share === null || share === undefined || Number.isNaN(share)) return undefined;
  const clamped = Math.min(1, Math.max(0, share));
  const index = SHARE_CLASSES.findIndex(
    (c, i) => clamped >= c.from && (clamped < c.to || i === SHARE_CLASSES.length - 1),
  );
  return index === -1 ? undefined : index;
}

/** The fill colour of a share. */
export function shareColour(share: number | null | undefined): string {
  const index = shareClass(share);
  return index === undefined ? NO_DATA_COLOUR : (SHARE_CLASSES[index]?.colour ?? NO_DATA_COLOUR);
}
