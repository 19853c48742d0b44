import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { openPglite } from '../db/client.js';
import { findSources, sourceAdapters } from '../sources/registry.js';
import { describeRealData, requireRealDataDir } from '../testing/real-data.js';

/**
 * The CLI as users run it: `node bin/semafor.js …` in a child process, with the embedded database in a temporary
 * SEMAFOR_DB_DIR. The data directories hold copies of the `sun` source's files (taken from the snapshot at test
 * time) or broken versions of them.
 */
interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
let dbDir: string;
let goodData: string;
let badData: string;
const [sun] = findSources(['sun']);
let firstRunId: number | undefined;

const running = new Set<ChildProcess>();

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'semafor.js'), ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? root,
        TZ: 'Europe/Stockholm',
        SEMAFOR_DB_DIR: dbDir,
        SEMAFOR_CACHE_DIR: path.join(root, 'cache'),
        SEMAFOR_DATA_DIR: path.join(root, 'no-data-here'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    running.add(child);
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

const json = (result: CliResult): Record<string, unknown> => {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`no JSON on stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'semafor-cli-'));
  dbDir = path.join(root, 'db');
  goodData = path.join(root, 'good');
  badData = path.join(root, 'bad');
});
afterEach(() => {
  // A test that timed out must not leave a CLI process holding the database.
  for (const child of running) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Each CLI call starts Node, tsx and the embedded database: allow for a busy 2-core machine. */
const slow = { timeout: 300_000 };

describe('semafor --help', slow, () => {
  it('lists the commands without opening a database', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['import', 'sources', 'serve', 'db']) expect(result.stdout).toContain(command);
    expect(existsSync(dbDir)).toBe(false);
  });
});

describeRealData('semafor CLI against an embedded database', slow, () => {
  // Copies of the real `sun` files (only here: without the data the suite is skipped, not failed with ENOENT).
  beforeAll(async () => {
    const realData = requireRealDataDir();
    for (const file of sun?.files ?? []) {
      await mkdir(path.dirname(path.join(goodData, file.path)), { recursive: true });
      await copyFile(path.join(realData, file.path), path.join(goodData, file.path));
      await mkdir(path.dirname(path.join(badData, file.path)), { recursive: true });
      await writeFile(path.join(badData, file.path), 'kod;namn\n1;inte en arbetsbok\n');
    }
  });

  it('import --json prints one summary per source', async () => {
    const result = await runCli(['import', 'sun', '--data', goodData, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const output = json(result);
    expect(output).toMatchObject({ ok: true, sources: [expect.any(Object)], error: null });
    const [summary] = output.sources as Array<Record<string, unknown>>;
    expect(summary).toEqual({
      sourceId: 'sun',
      status: 'succeeded',
      origin: 'data_dir',
      rowsRead: expect.any(Number),
      rowsInserted: expect.any(Number),
      rowsUpdated: 0,
      rowsDeleted: 0,
      rowsUnchanged: 0,
      seconds: expect.any(Number),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      runId: expect.any(Number),
      error: null,
      note: null,
      absentFiles: [],
    });
    expect(summary?.rowsInserted).toBe(summary?.rowsRead);
    firstRunId = summary?.runId as number;
    expect(summary?.rowsRead).toBeGreaterThan(0);
  });

  it('import without names imports every source present in the data directory', async () => {
    const result = await runCli(['import', '--data', goodData, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const output = json(result);
    const statuses = (output.sources as Array<{ sourceId: string; status: string }>).map((s) => [
      s.sourceId,
      s.status,
    ]);
    // Every other source has no files there: listed as skipped, with the reason, not silently left out.
    expect(statuses).toEqual(
      sourceAdapters.map((a) => [a.meta.id, a.meta.id === 'sun' ? 'unchanged' : 'skipped']),
    );
    const skipped = output.skipped as Array<{ sourceId: string; reason: string }>;
    expect(skipped).toHaveLength(sourceAdapters.length - 1);
    expect(skipped.find((s) => s.sourceId === 'places')?.reason).toBe(
      'inga av källans filer finns i datakatalogen (jobtech-places/platser.json)',
    );
  });

  it('import prints a table for humans', async () => {
    const result = await runCli(['import', 'sun', '--data', goodData]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/källa\s+status\s+lästa/);
    expect(result.stdout).toMatch(/sun\s+oförändrad/);
  });

  it('sources --json lists every adapter with licence, files and last run', async () => {
    const result = await runCli(['sources', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { sources } = json(result) as { sources: Array<Record<string, unknown>> };
    expect(sources.map((s) => s.id)).toEqual(sourceAdapters.map((a) => a.meta.id));
    for (const source of sources) {
      expect(source).toMatchObject({
        id: expect.any(String),
        title: { sv: expect.any(String), en: expect.any(String) },
        publisher: expect.any(String),
        licence: expect.any(String),
        homepage: expect.stringMatching(/^https?:\/\//),
        files: expect.arrayContaining([
          expect.objectContaining({ path: expect.any(String), url: expect.stringMatching(/^https?:\/\//) }),
        ]),
      });
    }
    const sunEntry = sources.find((s) => s.id === 'sun');
    expect(sunEntry?.lastRun).toMatchObject({ status: 'succeeded', sourceId: 'sun', origin: 'data_dir' });
    expect(sunEntry?.lastSuccessfulRun).toMatchObject({
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sources.find((s) => s.id !== 'sun')?.lastRun).toBeNull();
  });

  it('stops with a readable message and a non-zero exit code on bad input', async () => {
    const file = sun?.files[0]?.path ?? '';

    const human = await runCli(['import', 'sun', '--data', badData]);
    expect(human.code).toBe(65);
    expect(human.stderr).toMatch(new RegExp(`^semafor: .*${file.replaceAll('.', '\\.')}`, 'm'));
    expect(human.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const machine = await runCli(['import', 'sun', '--data', badData, '--json']);
    expect(machine.code).toBe(65);
    const output = json(machine);
    expect(output).toMatchObject({
      ok: false,
      sources: [{ sourceId: 'sun', status: 'failed', error: expect.stringContaining(file) }],
      failedSource: 'sun',
      error: expect.stringContaining(file),
    });

    // The failed runs are recorded; the data and the last successful run are untouched.
    const after = json(await runCli(['sources', '--json']));
    const sunAfter = (after.sources as Array<Record<string, unknown>>).find((s) => s.id === 'sun');
    expect(sunAfter?.lastRun).toMatchObject({ status: 'failed', error: expect.stringContaining(file) });
    expect(sunAfter?.lastSuccessfulRun).toMatchObject({ id: firstRunId, status: 'succeeded' });
  });

  it('names unknown sources and missing data directories', async () => {
    const unknown = await runCli(['import', 'finns-inte', '--data', goodData]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Okänd källa "finns-inte"');
    expect(unknown.stderr).toContain('sun');

    const empty = await runCli(['import', '--data', path.join(root, 'cache')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Inga källfiler hittades');
  });

  it('db backup and db restore round-trip; a garbage file leaves the database intact', async () => {
    const backupFile = path.join(root, 'backup.tar.gz');
    const backup = await runCli(['db', 'backup', backupFile, '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(json(backup)).toEqual({ ok: true, file: backupFile, bytes: expect.any(Number), how: 'offline' });
    const saved = json(await runCli(['sources', '--json']));

    // Change the database: a forced re-import adds a run.
    const changed = await runCli(['import', 'sun', '--data', goodData, '--force', '--json']);
    expect(json(changed)).toMatchObject({ ok: true, sources: [{ status: 'succeeded' }] });

    const restore = await runCli(['db', 'restore', backupFile, '--json']);
    expect(restore.code, restore.stderr).toBe(0);
    expect(json(restore)).toEqual({ ok: true, file: backupFile, directory: dbDir });
    expect(json(await runCli(['sources', '--json']))).toEqual(saved);

    const garbage = path.join(root, 'garbage.tar.gz');
    await writeFile(garbage, 'inte en säkerhetskopia');
    const bad = await runCli(['db', 'restore', garbage]);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('ingen giltig säkerhetskopia');
    expect(json(await runCli(['sources', '--json']))).toEqual(saved);
  });

  it('refuses to open the database while another process holds it', async () => {
    const database = await openPglite({ dir: dbDir });
    try {
      const result = await runCli(['sources', '--json']);
      expect(result.code).toBe(75);
      expect(result.stderr).toContain(`används redan av process ${process.pid}`);
    } finally {
      await database.close();
    }
  });
});
