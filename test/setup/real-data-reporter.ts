import type { Reporter, TestModule } from 'vitest/node';
import { REAL_DATA_TAG, realDataMissingReason } from '../../src/testing/real-data-dir.js';

/**
 * Counts the real-data tests (suites declared with describeRealData, src/testing/real-data.ts) that were skipped
 * and says so at the end of the run, loudly, with the reason. With CI=true a skipped real-data test fails the
 * run (describeRealData already turns a missing data directory into a failing test there; this also catches a
 * real-data test skipped by other means).
 */
export default class RealDataReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let skipped = 0;
    let ran = 0;
    const files = new Set<string>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (!test.fullName.includes(REAL_DATA_TAG)) continue;
        if (test.result().state === 'skipped') {
          skipped++;
          files.add(module.relativeModuleId);
        } else {
          ran++;
        }
      }
    }
    const missing = realDataMissingReason();
    // With the data present, skips come from a filter (-t, a file list) or skip/only: noise locally, a fault in CI.
    if (skipped === 0 || (missing === undefined && process.env.CI !== 'true')) return;
    const reason = missing ?? 'datan finns men testen hoppades över (skip, only eller -t)';
    const lines = [
      '',
      '='.repeat(100),
      `VERKLIGA DATA: ${skipped} test på riktiga data hoppades över (${ran} kördes) i ${files.size} filer.`,
      `Orsak: ${reason}.`,
      'Ange SEMAFOR_DATA_DIR=/sökväg/till/data (eller lägg datan i ../shared/data) för att köra dem.',
      ...[...files].sort().map((f) => `  - ${f}`),
      '='.repeat(100),
      '',
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
    if (process.env.CI === 'true') {
      process.stderr.write('CI=true: överhoppade test på riktiga data räknas som fel.\n');
      process.exitCode = 1;
    }
  }
}
