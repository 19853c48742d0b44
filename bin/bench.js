#!/usr/bin/env node
// Runs the benchmarks: every bench/*.bench.ts, or the named ones, each in its own Node process (through tsx).
//   npm run bench                      all benchmarks
//   npm run bench -- import            bench/import.bench.ts only
//   npm run bench -- import --record   ... and write its section of bench/RESULTS.md
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`Okänd benchmark: ${unknown.join(', ')}. Finns: ${available.join(', ')}\n`);
  process.exit(2);
}

let failed = 0;
for (const name of names.length > 0 ? names : available) {
  process.stdout.write(`\n### bench/${name}.bench.ts\n`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(benchDir, `${name}.bench.ts`), ...flags],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TZ: process.env.TZ ?? 'Europe/Stockholm' },
    },
  );
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`bench/${name}.bench.ts avslutades med ${result.status ?? result.signal}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
