/** Levenshtein edit distance (insert, delete, substitute) between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/** Lower-cased, trimmed, inner whitespace collapsed: the form labels and names are compared in. */
export function normalizeLabel(s: string): string {
  return s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The candidates closest to `input` by edit distance (ties kept in input order), best first. */
export function closestMatches<T>(
  input: string,
  candidates: readonly T[],
  keyOf: (candidate: T) => string,
  limit = 3,
): Array<{ candidate: T; distance: number }> {
  const needle = normalizeLabel(input);
  return candidates
    .map((candidate, index) => ({
      candidate,
      index,
      distance: editDistance(needle, normalizeLabel(keyOf(candidate))),
    }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, limit)
    .map(({ candidate, distance }) => ({ candidate, distance }));
}
