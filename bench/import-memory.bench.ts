/**
 * Peak memory of importing a large SCB file (issue 17: the 50 MB SCB file peaked at 1.97 GB).
 * Run: `npm run bench -- import-memory [--record]`.
 *
 * Generates (in a temporary data directory, never stored) a county file in the layout of
 * `scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv` with label and table columns, as SCB's own exports have,
 * covering every year × 21 counties × 429 SCB codes × 2 sexes back from 2024 until it reaches 50 MB. The other
 * folders and the age file are the real ones (linked). Each measurement runs in its own child process so
 * its peak RSS is its own:
 * 1. `read`: the adapter's read() with all batches drained (no database);
 * 2. `import`: geo and ssyk, then scb-yrkesregistret, into PGlite on disk through the import runner;
 * 3. `import-postgres`: the same into a throw-away PostgreSQL server (when its binaries are installed).
 * The same on the real 4.2 MB file give the baseline. Target: peak RSS < 500 MB for the 50 MB file.
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../src/config.js';
import { openPglite, openPostgres } from '../src/db/client.js';
import { importSource } from '../src/modules/imports/import.service.js';
import type { SourceInput } from '../src/sources/contract.js';
import { geoSource } from '../src/sources/geo/index.js';
import { AGE_FILE, COUNTY_FILE, scbYrkesregistretSource } from '../src/sources/scb-yrkesregistret/index.js';
import { COUNTY_CODES } from '../src/sources/shared/ssyk-reference.js';
import { ssykSource } from '../src/sources/ssyk/index.js';
import { findPostgresBin, startPostgres } from '../test/setup/postgres.js';
import { fixed, machineFacts, mb, recordSection } from './lib/results.js';

type Mode = 'read' | 'import' | 'import-postgres';
interface Result {
  mode: Mode;
  seconds: number;
  rows: number;
  maxRssKb: number;
}

const self = fileURLToPath(import.meta.url);
const dataDir = process.env.SEMAFOR_DATA_DIR ? path.resolve(process.env.SEMAFOR_DATA_DIR) : defaultDataDir();
const TARGET_BYTES = 50 * 1024 * 1024;
/** A metadata column as in SCB's exports; it keeps the file within plausible years (1990–) at 50 MB. */
const TABLE = 'AM0208M/YREG60BAS Anställda 16-69 år efter län (arbetsställets belägenhet) yrke kön och år';

async function child(mode: Mode, root: string): Promise<Result> {
  const input: SourceInput = { origin: 'data_dir', file: (p) => path.join(root, p) };
  const started = performance.now();
  let rows = 0;
  if (mode === 'read') {
    const stream = await scbYrkesregistretSource.read(input);
    for await (const batch of stream.batches) rows += batch.rows.length;
  } else {
    const scratch = mkdtempSync(path.join(tmpdir(), 'semafor-bench-mem-'));
    const server = mode === 'import-postgres' ? await startPostgres(findPostgresBin() ?? '') : undefined;
    try {
      const database = server
        ? await openPostgres(server.url)
        : await openPglite({ dir: path.join(scratch, 'db') });
      try {
        for (const adapter of [geoSource, ssykSource, scbYrkesregistretSource]) {
          const summary = await importSource(database.db, adapter, {
            dataDir: root,
            cacheDir: path.join(scratch, 'cache'),
          });
          if (summary.status !== 'succeeded') throw new Error(`${adapter.meta.id}: ${summary.error}`);
          if (adapter === scbYrkesregistretSource) rows = summary.rowsRead;
        }
      } finally {
        await database.close();
      }
    } finally {
      server?.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return {
    mode,
    seconds: (performance.now() - started) / 1000,
    rows,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

function measure(mode: Mode, root: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', self, '--child', mode, root], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${mode} ended with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Result);
    });
  });
}

/** A data directory with the real SSYK files and age file, and a generated county file of ≥ 50 MB. */
async function generate(
  real: string,
): Promise<{ root: string; bytes: number; years: [number, number]; rows: number }> {
  const root = mkdtempSync(path.join(tmpdir(), 'semafor-bench-scb-'));
  // Every other folder is linked (geo and ssyk are imported first in the `import` measurement).
  for (const dir of readdirSync(real)) {
    if (dir !== 'scb-yrkesregistret') symlinkSync(path.join(real, dir), path.join(root, dir));
  }
  mkdirSync(path.join(root, 'scb-yrkesregistret'));
  symlinkSync(path.join(real, AGE_FILE), path.join(root, AGE_FILE));
  const structure = readFileSync(path.join(real, 'ssyk2012/structure_ssyk12_scb_en.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .slice(1)
    .map((line) => /^(\d{4}),"?(.*?)"?\r?$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: m[1] as string, name: (m[2] as string).replaceAll(',', ' ') }));
  const counties = [...COUNTY_CODES];
  const out = createWriteStream(path.join(root, COUNTY_FILE));
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  // Years run backwards from 2024 so that the file always holds 2014-2024 (its name claims them).
  const lines: string[][] = [];
  let bytes = 0;
  let year = 2024;
  let rows = 0;
  while (bytes < TARGET_BYTES) {
    const block: string[] = [];
    for (const county of counties) {
      for (const { code, name } of structure) {
        for (const sex of ['men', 'women']) {
          block.push(
            `${year},${county},Län ${county},${code},${name},${sex},${(rows * 7919) % 5000},${TABLE}\n`,
          );
          rows++;
        }
      }
    }
    bytes += Buffer.byteLength(block.join(''));
    lines.push(block);
    year--;
  }
  await write('year,county_code,county_name,ssyk4_code,ssyk4_name,sex,employees,table\n');
  for (const block of lines.reverse()) await write(block.join(''));
  await new Promise<void>((r) => out.end(() => r()));
  return { root, bytes: statSync(path.join(root, COUNTY_FILE)).size, years: [year + 1, 2024], rows };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const result = await child(process.argv[3] as Mode, process.argv[4] as string);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (!dataDir) throw new Error('Ingen datakatalog: sätt SEMAFOR_DATA_DIR eller lägg data i ../shared/data');
  const record = process.argv.includes('--record');
  const generated = await generate(dataDir);
  try {
    const realBytes = statSync(path.join(dataDir, COUNTY_FILE)).size;
    const results: Array<{ file: string; result: Result }> = [];
    const modes: Mode[] = ['read', 'import'];
    if (findPostgresBin()) modes.push('import-postgres');
    for (const mode of modes) {
      results.push({
        file: `real (${(realBytes / 2 ** 20).toFixed(1)} MB)`,
        result: await measure(mode, dataDir),
      });
      results.push({
        file: `generated (${(generated.bytes / 2 ** 20).toFixed(1)} MB)`,
        result: await measure(mode, generated.root),
      });
    }
    const table = [
      '| county file | measurement | seconds | county-file rows → rows out | peak RSS |',
      '| --- | --- | ---: | ---: | ---: |',
      ...results.map(({ file, result }) => {
        const what = {
          read: 'read() + drain batches, no database',
          import: 'import into PGlite on disk (in this process)',
          'import-postgres': 'import into PostgreSQL (server in its own process)',
        }[result.mode];
        return `| ${file} | ${what} | ${fixed(result.seconds)} | ${result.rows.toLocaleString('en-US')} | ${mb(result.maxRssKb)} |`;
      }),
    ];
    const generatedRss = (mode: Mode) =>
      results.find((r) => r.file.startsWith('generated') && r.result.mode === mode)?.result.maxRssKb;
    const realRss = (mode: Mode) =>
      results.find((r) => r.file.startsWith('real') && r.result.mode === mode)?.result.maxRssKb;
    const adapterOnly = generatedRss('read') ?? 0;
    const viaPostgres = generatedRss('import-postgres');
    const viaPglite = generatedRss('import') ?? 0;
    const body = [
      machineFacts(),
      '',
      `Generated county file: ${generated.rows.toLocaleString('en-US')} rows, ${generated.years[0]}–${generated.years[1]} × 21 counties × 429 SCB codes × 2 sexes, with label columns (${(generated.bytes / 2 ** 20).toFixed(1)} MB); SSYK files and the national age file are the real ones. "rows out" for read() counts the rows the adapter yields (aggregated to AF's 400 codes, plus age rows and year rounds); for the import it is the runner's rows read. The import row includes geo and ssyk, imported first into the same database.`,
      '',
      ...table,
      '',
      `How: the file is streamed twice (encoding sniff, then records in batches of 5,000; no quotes → split directly, else csv-parse's stream parser) and summed row by row; memory grows with the key space (years × counties × codes), not with the file. Before (issue 17): the same kind of file peaked at 1.97 GB.`,
      '',
      `Target: peak RSS < 500 MB for the 50 MB file — adapter (read + parse): **${adapterOnly < 500 * 1024 ? 'met' : 'not met'}** (${mb(adapterOnly)}); whole import into PostgreSQL: ${viaPostgres === undefined ? 'not measured (no PostgreSQL binaries)' : `**${viaPostgres < 500 * 1024 ? 'met' : 'not met'}** (${mb(viaPostgres)})`}; whole import into PGlite: ${mb(viaPglite)}, which is PGlite's in-process WebAssembly database (geo + ssyk + SCB), not the file: the real 4.2 MB file gives ${mb(realRss('import') ?? 0)} in the same run.`,
    ].join('\n');
    process.stdout.write(`${body}\n`);
    if (record) recordSection('import-memory', body);
  } finally {
    rmSync(generated.root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
