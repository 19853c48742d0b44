import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';

/** bench/RESULTS.md: one `## ` section per benchmark, rewritten by that benchmark's `--record` run. */
export const resultsFile = path.join(projectRoot, 'bench', 'RESULTS.md');

const HEADER = `# Benchmark results

Recorded by \`npm run bench -- <name> --record\` (see bin/bench.js). Each section is rewritten by its own
benchmark; the machine facts say what the figures were measured on.
`;

/** Date, Node, OS, CPU, memory and load when the benchmark started. */
export function machineFacts(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return [
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `Node ${process.version}`,
    `${platform()} ${release()}`,
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    `${Math.round(totalmem() / 2 ** 30)} GB RAM`,
    `load average ${load} (1/5/15 min)`,
  ].join(' · ');
}

/** The heading of a benchmark's section: the benchmark owns every `## ` section that names its file. */
export function sectionHeading(bench: string): string {
  return `## ${bench} (bench/${bench}.bench.ts)`;
}

/**
 * The results text with the benchmark's section replaced: every `## ` section naming `bench/<bench>.bench.ts` is
 * removed (a merge once left two "import" sections, and the old writer replaced only the first) and the new one
 * takes the place of the first of them, or is appended.
 */
export function replaceSection(current: string, bench: string, body: string): string {
  const marker = `(bench/${bench}.bench.ts)`;
  const section = `${sectionHeading(bench)}\n\n${body.trim()}\n`;
  const lines = current.split('\n');
  const kept: string[] = [];
  let inserted = false;
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith('## ')) {
      skipping = line.includes(marker);
      if (skipping && !inserted) {
        kept.push(...section.split('\n'));
        inserted = true;
      }
    }
    if (!skipping) kept.push(line);
  }
  const text = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
  return inserted ? `${text}\n` : `${text}\n\n${section}`;
}

/** Rewrites the benchmark's own section of bench/RESULTS.md (see replaceSection). */
export function recordSection(bench: string, body: string): void {
  const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : HEADER;
  writeFileSync(resultsFile, replaceSection(current, bench, body));
  // Biome formats Markdown (table alignment) and `npm run check` fails on an unformatted file.
  spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', resultsFile], {
    cwd: projectRoot,
    stdio: 'ignore',
  });
}

export const mb = (kilobytes: number): string => `${Math.round(kilobytes / 1024)} MB`;
export const fixed = (n: number, digits = 2): string => n.toFixed(digits);
