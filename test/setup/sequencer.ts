import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files, longest first (measured on a quiet 2-core machine: the corruption suite alone takes about
 * as long as half of all the rest). Vitest orders files by the durations it cached in an earlier run, and, without
 * that cache (a fresh clone in CI), by file size, which put the corruption suite (8 KB) after some sixty smaller
 * files: it then started late and ran on alone at the end while the other worker had nothing left. Starting the
 * long files first lets the two workers share the rest and finish together. A file not listed here runs after
 * these, in Vitest's own order; listing a file changes only when it starts, never what it tests.
 */
export const LONGEST_FIRST = [
  'src/modules/imports/corruption.test.ts',
  'src/modules/imports/kill.test.ts',
  'src/modules/signals/signals.test.ts',
  'src/cli/cli.test.ts',
  'src/db/online-backup.test.ts',
  'src/sources/occupations/import.test.ts',
  'src/modules/geographies/geographies.routes.test.ts',
  'src/modules/occupations/occupations.routes.test.ts',
  'src/server/isolation.test.ts',
  'src/modules/employer-needs/import.test.ts',
  'src/modules/learners/learners.test.ts',
  'src/sources/myh-yh-utbildningar/education-sources.test.ts',
  'src/modules/occupations/occupation-names.test.ts',
  'src/db/backup.test.ts',
  'src/db/region-scope.test.ts',
  'src/modules/labour-market/labour-market.test.ts',
];

/** Vitest's sequencer with the files of LONGEST_FIRST moved to the front, in that order. */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const relative = spec.moduleId.replaceAll('\\', '/');
      const i = LONGEST_FIRST.findIndex((file) => relative.endsWith(`/${file}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: files outside the list keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
