import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../config.js';
import { openPglite } from '../../db/client.js';
import { describeRealData } from '../../testing/real-data.js';
import { signalsFreshness } from '../signals/signals.service.js';
import { databaseFingerprint } from './corruption.cases.js';

/**
 * kill -9 of `semafor import` and `semafor signals compute` (child processes on a file-backed PGlite) at random
 * points: the database must open afterwards, hold either no data or all of it (never a partial run), and a rerun
 * of `semafor import` must converge to the complete state with up-to-date, non-empty signals.
 */
const dataDir = loadConfig().dataDir;
const bin = path.join(projectRoot, 'bin', 'semafor.js');

/** Tables whose content depends on when a run happened, not on the data. */
const VOLATILE = new Set(['import_runs', 'signal_runs', 'signal_state']);
const SIGNAL_TABLES = new Set(['signals', 'signal_runs', 'signal_state']);

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function semafor(dbDir: string, args: string[]): { child: ChildProcess; done: Promise<Finished> } {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      SEMAFOR_DB_DIR: dbDir,
      SEMAFOR_DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const done = new Promise<Finished>((resolve) => {
    child.on('exit', (code, signal) =>
      resolve({ code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
  return { child, done };
}

/** The fingerprint of a database directory, split into data tables and signal tables (volatile ones left out). */
async function fingerprintOf(dbDir: string) {
  const database = await openPglite({ dir: dbDir });
  try {
    const all = await databaseFingerprint(database.db);
    const pick = (keep: (t: string) => boolean) =>
      Object.fromEntries(Object.entries(all).filter(([t]) => !VOLATILE.has(t) && keep(t)));
    return {
      data: pick((t) => !SIGNAL_TABLES.has(t)),
      signals: pick((t) => SIGNAL_TABLES.has(t)),
      freshness: await signalsFreshness(database.db),
    };
  } finally {
    await database.close();
  }
}

/** A kill point in [from, to) of a duration; random, and printed so a failure can be reproduced. */
const randomPoint = (seconds: number, from: number, to: number): number =>
  Math.round(seconds * (from + Math.random() * (to - from)) * 1000);

describeRealData('kill -9 during import and compute (PGlite in a directory)', () => {
  let root: string;
  let referenceDir: string;
  let reference: Awaited<ReturnType<typeof fingerprintOf>>;
  let emptyData: Awaited<ReturnType<typeof fingerprintOf>>['data'];
  let importSeconds = 0;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'semafor-kill-'));
    referenceDir = path.join(root, 'reference');
    const empty = path.join(root, 'empty');
    const migrated = semafor(empty, ['sources', '--json']);
    expect((await migrated.done).code).toBe(0);
    emptyData = (await fingerprintOf(empty)).data;
    const full = semafor(referenceDir, ['import', '--json']);
    const finished = await full.done;
    expect(finished.code, finished.stderr).toBe(0);
    importSeconds = finished.seconds;
    reference = await fingerprintOf(referenceDir);
    expect(reference.freshness.upToDate).toBe(true);
  }, 600_000);
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['early', 0.1, 0.4],
    ['midway', 0.4, 0.75],
    // About the last fifth of a fresh import is the signal computation, after the import's commit.
    ['late', 0.82, 0.97],
  ])(
    'import killed %s: no partial data, and the next import completes it with signals',
    async (name, from, to) => {
      const dir = path.join(root, `import-${name}`);
      const after = randomPoint(importSeconds, from, to);
      const run = semafor(dir, ['import', '--json']);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), after);
      const ended = await run.done;
      clearTimeout(timer);
      const killed = await fingerprintOf(dir);
      // Either the run's transaction never committed (no data) or it did (all of it); never a part.
      const state =
        JSON.stringify(killed.data) === JSON.stringify(emptyData)
          ? 'no data'
          : JSON.stringify(killed.data) === JSON.stringify(reference.data)
            ? 'all data'
            : 'partial data';
      // Printed so the run shows which state each kill left behind.
      console.info(`import killed after ${after} ms (${ended.signal ?? `exit ${ended.code}`}): ${state}`);
      expect(state).not.toBe('partial data');

      const rerun = await semafor(dir, ['import', '--json']).done;
      expect(rerun.code, rerun.stderr).toBe(0);
      const converged = await fingerprintOf(dir);
      expect(converged.data).toEqual(reference.data);
      expect(converged.signals).toEqual(reference.signals);
      expect(converged.freshness.upToDate).toBe(true);
      expect(converged.signals.signals).not.toMatch(/^0 rows/);
    },
    600_000,
  );

  it.each([
    ['early', 0.05, 0.5],
    ['late', 0.5, 1],
  ])(
    'signals compute killed %s: the database opens, and the next import converges',
    async (name, from, to) => {
      const dir = path.join(root, `compute-${name}`);
      await cp(referenceDir, dir, { recursive: true });
      // A computation takes about a fifth of a full import (measured: 5 s of 26 s).
      const after = randomPoint(importSeconds / 4, from, to);
      const run = semafor(dir, ['signals', 'compute', '--force', '--json']);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), after);
      await run.done;
      clearTimeout(timer);
      const killed = await fingerprintOf(dir);
      expect(killed.data).toEqual(reference.data);

      const rerun = await semafor(dir, ['import', '--json']).done;
      expect(rerun.code, rerun.stderr).toBe(0);
      const converged = await fingerprintOf(dir);
      expect(converged.signals).toEqual(reference.signals);
      expect(converged.freshness.upToDate).toBe(true);
    },
    600_000,
  );
});
