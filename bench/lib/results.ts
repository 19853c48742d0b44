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

/** Replaces (or appends) the section whose heading is `## <title>`. */
export function recordSection(title: string, body: string): void {
  const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
    if (end === -1) end = lines.length;
    next = [...lines.slice(0, start), section, ...lines.slice(end)].join('\n').trimEnd().concat('\n');
  }
  writeFileSync(resultsFile, next);
  // Biome formats Markdown (table alignment) and `npm run check` fails on an unformatted file.
  spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', resultsFile], {
    cwd: projectRoot,
    stdio: 'ignore',
  });
}

export const mb = (kilobytes: number): string => `${Math.round(kilobytes / 1024)} MB`;
export const fixed = (n: number, digits = 2): string => n.toFixed(digits);
