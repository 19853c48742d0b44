import { access } from 'node:fs/promises';
import type { InputLocation } from '../../errors.js';
import type { RowBatch, SourceInput, SourceStream } from '../contract.js';

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

/** True when a declared file exists in the input (used for files declared `optional`). */
export async function inputFileExists(input: SourceInput, relativePath: string): Promise<boolean> {
  try {
    await access(input.file(relativePath));
    return true;
  } catch {
    return false;
  }
}

/** The stream of a source whose optional file is absent: no batches, and the reason for the runner to report. */
export function skippedStream(file: string, reason: string): SourceStream {
  return {
    expectedRows: 0,
    batches: (async function* (): AsyncGenerator<RowBatch> {})(),
    skipped: { file, reason },
  };
}
