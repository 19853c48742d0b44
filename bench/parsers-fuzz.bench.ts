/**
 * Property-based fuzzing of every source parser with many cases (issue 17: at least 10,000 per parser in the
 * benchmark run; the normal test run uses 200). Run: `npm run bench -- parsers-fuzz [--record] [--runs N]`.
 * The properties live in src/sources/parsers.fuzz.ts: arbitrary input parses or fails with an AppError/InputError
 * within 5 s per case, and generated valid rows round-trip.
 */
import { parserProperties } from '../src/sources/parsers.fuzz.js';
import { fixed, machineFacts, recordSection } from './lib/results.js';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 10_000;
const seed = 20_261_204;

async function main(): Promise<void> {
  const rows: string[] = [];
  let failed = 0;
  for (const property of parserProperties()) {
    const started = performance.now();
    let outcome = 'passed';
    try {
      await property.run(runs, seed);
    } catch (error) {
      failed++;
      outcome = `**failed**: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`;
    }
    const seconds = (performance.now() - started) / 1000;
    const line = `| ${property.name} | ${runs.toLocaleString('en-US')} | ${fixed(seconds, 1)} | ${outcome} |`;
    process.stdout.write(`${line}\n`);
    rows.push(line);
  }
  const body = [
    machineFacts(),
    '',
    `fast-check, seed ${seed}, ${runs.toLocaleString('en-US')} cases per property (a property with two parts runs both with that many). Properties: src/sources/parsers.fuzz.ts; the Vitest run (src/sources/parsers.fuzz.test.ts) uses 200 cases each.`,
    '',
    '| property | cases | seconds | result |',
    '| --- | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
  if (process.argv.includes('--record')) recordSection('parsers-fuzz', body);
  if (failed > 0) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
