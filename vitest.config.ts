import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/setup/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Starts a throw-away PostgreSQL server so database tests run on PGlite and PostgreSQL (src/db/testing.ts).
    globalSetup: ['test/setup/postgres.ts', 'test/setup/test-run.ts'],
    // Says how many real-data tests were skipped and why; with CI=true such a skip fails the run.
    reporters: ['default', './test/setup/real-data-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each worker process runs its files one after the other in the same module context instead of a fresh one per
    // file: the app's module graph is imported and the migrated PGlite template (src/db/testing.ts) built once per
    // worker, not once per file. On 33 API and core files (both engines, same load) this cut the CPU time from 184 s
    // to 79 s. Safe here because no test changes process-wide state: no module mocks, no env changes, i18n tests use
    // their own instance, and the caches in the modules are keyed by database.
    isolate: false,
    // Vitest's default on a 2-core machine is one worker (cores - 1), which runs every file in turn; most files
    // wait on a database (PGlite in its own process, or the PostgreSQL server), so two workers finish the suite
    // sooner. The long corruption suite then runs beside the rest instead of before or after it.
    maxWorkers: 2,
    // The longest files start first, so they do not run on alone at the end (test/setup/sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    env: { TZ: 'Europe/Stockholm' },
  },
});
