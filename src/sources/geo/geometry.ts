import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Pure geometry helpers for the stored boundaries: round, clean, re-wind and (optionally) simplify polygons.
 * Coordinates are WGS84 longitude/latitude degrees.
 */
export type Area = Polygon | MultiPolygon;

/** Decimals kept in stored coordinates: 4 decimals ≈ 11 m north–south, ≈ 5 m east–west in Sweden. */
export const COORDINATE_DECIMALS = 4;

export interface CleanOptions {
  decimals?: number;
  /** Douglas–Peucker tolerance in degrees (0 = no simplification beyond rounding). */
  tolerance?: number;
}

const roundTo = (value: number, factor: number): number => Math.round(value * factor) / factor;

/** Twice the signed planar area of a closed ring (positive = counter-clockwise with y pointing north). */
export function ringArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum;
}

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const [px, py] = p as [number, number];
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return Math.hypot(px - ax, py - ay);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on an open polyline (iterative); keeps both ends. */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let maxDistance = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(
        points[i] as Position,
        points[first] as Position,
        points[last] as Position,
      );
      if (d > maxDistance) {
        maxDistance = d;
        index = i;
      }
    }
    if (index !== -1 && maxDistance > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Rounds a ring's coordinates, drops repeated points, simplifies it, closes it and winds it. Returns null when
 * fewer than 4 positions (a triangle) remain: the ring collapsed at this precision.
 */
export function cleanRing(
  ring: readonly Position[],
  options: { decimals: number; tolerance: number; clockwise: boolean },
): Position[] | null {
  const factor = 10 ** options.decimals;
  const rounded: Position[] = [];
  for (const position of ring) {
    const point: Position = [roundTo(position[0] as number, factor), roundTo(position[1] as number, factor)];
    const previous = rounded[rounded.length - 1];
    if (previous && previous[0] === point[0] && previous[1] === point[1]) continue;
    rounded.push(point);
  }
  // Open the ring (the closing point is added back below).
  const first = rounded[0];
  const lastPoint = rounded[rounded.length - 1];
  if (rounded.length > 1 && first && lastPoint && first[0] === lastPoint[0] && first[1] === lastPoint[1]) {
    rounded.pop();
  }
  if (rounded.length < 3) return null;
  let open = rounded;
  if (options.tolerance > 0) {
    // Split at the point farthest from the first so both halves keep the ring's extent.
    let far = 0;
    let farDistance = -1;
    const origin = rounded[0] as Position;
    for (let i = 1; i < rounded.length; i++) {
      const p = rounded[i] as Position;
      const d = Math.hypot(
        (p[0] as number) - (origin[0] as number),
        (p[1] as number) - (origin[1] as number),
      );
      if (d > farDistance) {
        farDistance = d;
        far = i;
      }
    }
    const firstHalf = simplifyLine(rounded.slice(0, far + 1), options.tolerance);
    const secondHalf = simplifyLine([...rounded.slice(far), origin], options.tolerance);
    open = [...firstHalf, ...secondHalf.slice(1, -1)];
    if (open.length < 3) return null;
  }
  const closed = [...open, open[0] as Position];
  const area2 = ringArea2(closed);
  if (area2 === 0) return null;
  const isClockwise = area2 < 0;
  return isClockwise === options.clockwise ? closed : closed.reverse();
}

/**
 * Normalises a polygonal geometry for storage: coordinates rounded (default 4 decimals), repeated points dropped,
 * optional Douglas–Peucker simplification, collapsed rings and polygons dropped, and rings wound the way d3-geo
 * and Observable Plot need them (exterior rings clockwise, holes counter-clockwise). A MultiPolygon with one part
 * becomes a Polygon. Returns null when nothing is left.
 */
export function cleanArea(geometry: Area, options: CleanOptions = {}): Area | null {
  const decimals = options.decimals ?? COORDINATE_DECIMALS;
  const tolerance = options.tolerance ?? 0;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const cleaned: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    for (let i = 0; i < polygon.length; i++) {
      const ring = cleanRing(polygon[i] as Position[], { decimals, tolerance, clockwise: i === 0 });
      if (ring) rings.push(ring);
      else if (i === 0) break;
    }
    if (rings.length > 0) cleaned.push(rings);
  }
  if (cleaned.length === 0) return null;
  if (cleaned.length === 1) return { type: 'Polygon', coordinates: cleaned[0] as Position[][] };
  return { type: 'MultiPolygon', coordinates: cleaned };
}

/** Number of positions in a polygonal geometry (for size reports). */
export function countPositions(geometry: Area): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let n = 0;
  for (const polygon of polygons) for (const ring of polygon) n += ring.length;
  return n;
}

/**
 * Planar area-weighted centroid of polygonal geometries in lon/lat (holes subtract). Good enough for a label
 * point of a Swedish region; not a spherical centroid. Returns [lon, lat] or null for an empty input.
 */
export function planarCentroid(geometries: readonly Area[]): [number, number] | null {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [x0, y0] = ring[i] as [number, number];
          const [x1, y1] = ring[i + 1] as [number, number];
          const cross = x0 * y1 - x1 * y0;
          area += cross;
          cx += (x0 + x1) * cross;
          cy += (y0 + y1) * cross;
        }
      }
    }
  }
  if (area === 0) return null;
  return [cx / (3 * area), cy / (3 * area)];
}
