import type { InputLocation } from '../../errors.js';
import type { RowBatch } from '../contract.js';

/** A parsed row with where it came from. */
export interface LocatedRow<Row> {
  row: Row;
  location: InputLocation;
}

/** Splits a target's rows into batches (for progress reporting), keeping each row's location. */
export function* toBatches<Row extends Record<string, unknown>>(
  target: string,
  rows: ReadonlyArray<LocatedRow<Row>>,
  size = 2000,
): Generator<RowBatch> {
  for (let start = 0; start < rows.length; start += size) {
    const slice = rows.slice(start, start + size);
    yield {
      target,
      rows: slice.map((r) => r.row),
      locations: slice.map((r) => r.location),
    };
  }
}
