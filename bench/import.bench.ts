/**
 * Benchmark of the reference import (issue 2). Run: `npm run bench -- import [--record] [--no-postgres] [--no-start]`.
 *
 * Each measurement runs in its own child process, so its peak RSS is its own:
 * 1. parse-only baseline: every registered adapter's read() on the data directory, all batches drained, no
 *    database (run before and after the imports; the faster run counts, so the file cache is warm for both sides);
 * 2. the full import of every registered adapter (dependency order) into an empty database: PGlite in memory,
 *    PGlite on disk, and PostgreSQL when Debian's server binaries are installed (a throw-away server, as in tests);
 * 3. first start: `semafor serve --build-if-missing` (what `npm start` runs) on an empty SEMAFOR_DB_DIR and a free
 *    port, until GET /api/health answers; the server is then stopped by its pid.
 * Targets: import ≤ 2× the parse-only baseline; whole reference import < 15 s; first start < 60 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../src/config.js';
import { type Database, openPglite, openPostgres } from '../src/db/client.js';
import { importSource, orderByDependencies } from '../src/modules/imports/import.service.js';
import type { SourceInput } from '../src/sources/contract.js';
import { sourceAdapters } from '../src/sources/registry.js';
import { findPostgresBin, freePort, startPostgres } from '../test/setup/postgres.js';
import { benchDataDir } from './lib/data-dir.js';
import { fixed, machineFacts, mb, recordSection } from './lib/results.js';

type Mode = 'parse' | 'pglite-memory' | 'pglite-file' | 'postgres';

interface ModeResult {
  mode: Mode;
  /** Opening the empty database and applying the migrations (not part of `seconds`). */
  openSeconds: number;
  seconds: number;
  rows: number;
  maxRssKb: number;
  sources: Array<{ id: string; rows: number; seconds: number }>;
}

const self = fileURLToPath(import.meta.url);
const adapters = orderByDependencies(sourceAdapters);

// ---- child process: one measurement ------------------------------------------------------------------------------

async function parseOnly(root: string): Promise<ModeResult> {
  const input: SourceInput = { origin: 'data_dir', file: (p) => path.join(root, p) };
  const sources: ModeResult['sources'] = [];
  const started = performance.now();
  for (const adapter of adapters) {
    const t0 = performance.now();
    const stream = await adapter.read(input);
    let rows = 0;
    for await (const batch of stream.batches) rows += batch.rows.length;
    sources.push({ id: adapter.meta.id, rows, seconds: (performance.now() - t0) / 1000 });
  }
  return summarise('parse', 0, started, sources);
}

async function importAll(mode: Exclude<Mode, 'parse'>, root: string): Promise<ModeResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'semafor-bench-import-'));
  const server = mode === 'postgres' ? await startPostgres(findPostgresBin() ?? '') : undefined;
  try {
    const t0 = performance.now();
    const database: Database =
      mode === 'pglite-memory'
        ? await openPglite()
        : mode === 'pglite-file'
          ? await openPglite({ dir: path.join(scratch, 'db') })
          : await openPostgres(server?.url ?? '');
    const openSeconds = (performance.now() - t0) / 1000;
    const sources: ModeResult['sources'] = [];
    const started = performance.now();
    try {
      for (const adapter of adapters) {
        const t1 = performance.now();
        const summary = await importSource(database.db, adapter, {
          dataDir: root,
          cacheDir: path.join(scratch, 'cache'),
        });
        sources.push({
          id: adapter.meta.id,
          rows: summary.rowsRead,
          seconds: (performance.now() - t1) / 1000,
        });
      }
      return summarise(mode, openSeconds, started, sources);
    } finally {
      await database.close();
    }
  } finally {
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function summarise(
  mode: Mode,
  openSeconds: number,
  started: number,
  sources: ModeResult['sources'],
): ModeResult {
  return {
    mode,
    openSeconds,
    seconds: (performance.now() - started) / 1000,
    rows: sources.reduce((sum, s) => sum + s.rows, 0),
    maxRssKb: process.resourceUsage().maxRSS,
    sources,
  };
}

// ---- parent process ------------------------------------------------------------------------------------------------

function runChild(mode: Mode): Promise<ModeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', self, '--child', mode], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`${mode} failed (exit ${code}):\n${stdout}`));
      else resolve(JSON.parse(line) as ModeResult);
    });
  });
}

/** Peak resident memory of a running process, from /proc (Linux). */
function peakRssKb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface StartResult {
  seconds: number;
  state: string;
  built: boolean;
  maxRssKb: number | undefined;
}

/** The environment without DATABASE_URL, so the server uses the embedded database. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/** `semafor serve --build-if-missing` on an empty database directory, until /api/health answers. */
async function firstStart(root: string): Promise<StartResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'semafor-bench-start-'));
  const port = await freePort();
  const index = path.join(projectRoot, 'dist', 'web', 'index.html');
  const builtAt = (): number | undefined => (existsSync(index) ? statSync(index).mtimeMs : undefined);
  const before = builtAt();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'bin', 'semafor.js'), 'serve', '--build-if-missing'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...withoutDatabaseUrl(process.env),
        SEMAFOR_DB_DIR: path.join(scratch, 'db'),
        SEMAFOR_CACHE_DIR: path.join(scratch, 'cache'),
        SEMAFOR_DATA_DIR: root,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    },
  );
  try {
    const deadline = started + 600_000;
    let peak: number | undefined;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`semafor serve exited with ${child.exitCode}`);
      peak = Math.max(peak ?? 0, peakRssKb(child.pid ?? -1) ?? 0) || peak;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok) {
          const body = (await response.json()) as { data: { state: string } };
          return {
            seconds: (performance.now() - started) / 1000,
            state: body.data.state,
            // A (re)build during the measurement, by this server or by anything else, makes it slower.
            built: before === undefined || builtAt() !== before,
            maxRssKb: peakRssKb(child.pid ?? -1) ?? peak,
          };
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('semafor serve did not answer /api/health within 10 minutes');
  } finally {
    await stop(child);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDir = benchDataDir();
  if (args[0] === '--child') {
    const mode = args[1] as Mode;
    const result = mode === 'parse' ? await parseOnly(dataDir) : await importAll(mode, dataDir);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const facts = machineFacts();
  console.log(`import benchmark · ${facts}`);
  console.log(`data: ${dataDir} · sources: ${adapters.map((a) => a.meta.id).join(', ')}`);

  const parseRuns = [await runChild('parse')];
  console.log(`parse-only (cold): ${fixed(parseRuns[0]?.seconds ?? 0)} s`);
  const modes: Array<Exclude<Mode, 'parse'>> = ['pglite-memory', 'pglite-file'];
  if (!args.includes('--no-postgres') && findPostgresBin()) modes.push('postgres');
  const imports: ModeResult[] = [];
  for (const mode of modes) {
    const result = await runChild(mode);
    imports.push(result);
    console.log(`${mode}: ${fixed(result.seconds)} s (+ ${fixed(result.openSeconds)} s open)`);
  }
  parseRuns.push(await runChild('parse'));
  console.log(`parse-only (warm): ${fixed(parseRuns[1]?.seconds ?? 0)} s`);
  const baseline = parseRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const start = args.includes('--no-start') ? undefined : await firstStart(dataDir);

  const row = (label: string, r: ModeResult, ratio: string): string =>
    `| ${label} | ${fixed(r.seconds)} | ${fixed(r.openSeconds)} | ${r.rows.toLocaleString('en-US')} | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${mb(r.maxRssKb)} | ${ratio} |`;
  const lines = [
    `Run: ${facts}.`,
    `Sources (${adapters.length}, dependency order): ${adapters.map((a) => a.meta.id).join(', ')}.`,
    '',
    '| measurement | seconds | open + migrate s | rows | rows/s | peak RSS | × parse-only |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('parse-only baseline (read + parse, no database)', baseline, '1.00'),
    ...imports.map((r) => row(`import into ${r.mode}`, r, fixed(r.seconds / baseline.seconds))),
    '',
  ];
  if (start) {
    lines.push(
      `First start (\`semafor serve --build-if-missing\`, empty database directory → /api/health answers): ` +
        `**${fixed(start.seconds, 1)} s**, data state "${start.state}", ` +
        `${start.built ? 'including a web build (dist/web was missing or rebuilt meanwhile)' : 'web app already built'}, ` +
        `peak RSS ${start.maxRssKb ? mb(start.maxRssKb) : 'n/a'}.`,
      '',
    );
  }
  const memory = imports.find((r) => r.mode === 'pglite-memory');
  const file = imports.find((r) => r.mode === 'pglite-file');
  const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
  if (memory && file) {
    const worst = Math.max(memory.seconds, file.seconds);
    lines.push(
      `Targets: import ≤ 2× parse-only — ${verdict(worst / baseline.seconds <= 2)} ` +
        `(${fixed(memory.seconds / baseline.seconds)}× in memory, ${fixed(file.seconds / baseline.seconds)}× on disk); ` +
        `whole reference import < 15 s — ${verdict(worst < 15)}` +
        (start ? `; first start < 60 s — ${verdict(start.seconds < 60)}.` : '.'),
      '',
    );
  }
  lines.push(
    'How the import loads (src/modules/imports/table-sync.repo.ts): rows are staged in temporary tables — on PGlite ' +
      "with COPY … FROM '/dev/blob' in text format, on PostgreSQL with unnest() of one text array per column — then " +
      'checked for duplicate keys and unknown codes and merged (a plain INSERT … SELECT when the target table is ' +
      'empty); tables that changed are ANALYZEd afterwards. The import also hashes every input file.',
    '',
  );
  lines.push(`| source | rows | parse-only s | ${imports.map((r) => `${r.mode} s`).join(' | ')} |`);
  lines.push(`|---|---:|---:|${imports.map(() => '---:').join('|')}|`);
  for (const source of baseline.sources) {
    const cells = imports.map((r) => fixed(r.sources.find((s) => s.id === source.id)?.seconds ?? Number.NaN));
    lines.push(
      `| ${source.id} | ${source.rows.toLocaleString('en-US')} | ${fixed(source.seconds)} | ${cells.join(' | ')} |`,
    );
  }
  const body = lines.join('\n');
  console.log(`\n${body}`);
  if (args.includes('--record')) {
    recordSection('import', body);
    console.log('\nRecorded in bench/RESULTS.md');
  }
}

await main();
