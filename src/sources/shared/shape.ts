import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';

/**
 * Shape checks shared by the adapters: a source states what a complete copy of its files looks like (all 290
 * municipalities, all 21 counties, every SSYK code in every county and year …) and refuses a file that falls short,
 * so a truncated or header-only file cannot replace good data.
 *
 * Two kinds of check:
 * - structural checks that any consistent subset also passes (no empty file, every year × county has every code,
 *   years without gaps) always run;
 * - completeness checks against the published totals (counts from each folder's PROVENANCE.md) run unless the
 *   import is told to accept a deliberately partial data set: `SourceInput.expectComplete === false`, or the
 *   environment variable `SEMAFOR_IMPORT_PARTIAL=1` (used for the small test fixture of two counties).
 */

/** Whether completeness checks apply to this import (see the module comment). */
export function expectsCompleteData(input: Pick<SourceInput, 'expectComplete'>): boolean {
  if (input.expectComplete !== undefined) return input.expectComplete;
  return process.env.SEMAFOR_IMPORT_PARTIAL !== '1';
}

const PARTIAL_HINT = '(för en avsiktligt ofullständig testdatamängd: SEMAFOR_IMPORT_PARTIAL=1)';

/** A file without data rows would empty the tables it feeds: refuse it. */
export function assertHasRows(count: number, file: string, what = 'datarader'): void {
  if (count === 0) {
    throw new InputError(
      { file },
      `filen har inga ${what}, bara en rubrikrad eller inget alls; en tom källa skulle tömma tabellerna`,
    );
  }
}

/** Refuses fewer than `min` items of a complete copy (a truncated file). */
export function assertAtLeast(
  input: Pick<SourceInput, 'expectComplete'>,
  count: number,
  min: number,
  file: string,
  what: string,
): void {
  if (!expectsCompleteData(input) || count >= min) return;
  throw new InputError(
    { file },
    `filen har ${count.toLocaleString('sv-SE')} ${what}, en fullständig fil har minst ${min.toLocaleString('sv-SE')}; filen verkar avkortad ${PARTIAL_HINT}`,
  );
}

/** Refuses a complete copy that lacks some of the expected codes; the message lists the first missing ones. */
export function assertCoversAll(
  input: Pick<SourceInput, 'expectComplete'>,
  found: ReadonlySet<string>,
  expected: Iterable<string>,
  file: string,
  what: string,
  column?: string,
): void {
  if (!expectsCompleteData(input)) return;
  const missing = [...expected].filter((code) => !found.has(code));
  if (missing.length === 0) return;
  const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ` … (${missing.length} st.)` : '');
  throw new InputError({ file, column }, `${what} saknas: ${shown}; filen verkar avkortad ${PARTIAL_HINT}`);
}

/** Years must follow each other without gaps (a cut file loses the last years, a damaged one a middle year). */
export function assertContiguousYears(years: ReadonlySet<number>, file: string, column = 'year'): void {
  const sorted = [...years].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as number;
    const year = sorted[i] as number;
    if (year !== previous + 1) {
      throw new InputError(
        { file, column },
        `åren har ett glapp: ${previous} följs av ${year} (år ${previous + 1}${year - previous > 2 ? `–${year - 1}` : ''} saknas)`,
      );
    }
  }
}
