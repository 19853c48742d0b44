import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { importNeeds, type NeedsImportResult } from '../../modules/employer-needs/import.service.js';
import type { CliContext } from '../context.js';
import { CliError, printJson } from '../output.js';

const PHASE: Record<string, string> = {
  read: 'läser filen',
  check: 'kontrollerar rader',
  match: 'matchar yrkestitlar',
  write: 'skriver',
};

/** Progress on stderr (stdout stays one JSON document with --json): a line per phase and about every quarter. */
function progressPrinter() {
  let last = '';
  return (p: { phase: string; done: number; total: number }) => {
    const quarter = p.total > 0 ? Math.floor((4 * p.done) / p.total) : 0;
    const key = `${p.phase}:${quarter}`;
    if (key === last) return;
    last = key;
    const share = p.total > 1 ? ` ${p.done}/${p.total}` : '';
    process.stderr.write(`… ${PHASE[p.phase] ?? p.phase}${share}\n`);
  };
}

function describeResult(result: NeedsImportResult, mappingFile: string | undefined): string {
  const out: string[] = [];
  if (result.mappingProposed) {
    out.push(
      `Ingen mappning angiven: förslag utifrån rubrikerna i ${result.file} (spara som JSON, ändra vid behov och ange med --mapping):`,
      JSON.stringify(result.mapping, null, 2),
    );
    if (result.missingFields.length > 0) {
      out.push(
        `Saknar kolumn för: ${result.missingFields.join(', ')} (kolumner i filen: ${result.headers.join(', ')})`,
      );
    }
  }
  if (result.errorCount > 0) {
    out.push(`${result.errorCount} fel, inget sparat:`);
    for (const e of result.errors) {
      out.push(`  ${e.file}, rad ${e.row}${e.column ? `, kolumn "${e.column}"` : ''}: ${e.message}`);
    }
    if (result.errorCount > result.errors.length)
      out.push(`  … och ${result.errorCount - result.errors.length} till`);
  }
  if (result.review.length > 0) {
    out.push(
      `${result.review.length} yrkestitlar behöver granskas, inget sparat. Välj SSYK-kod i mappningens "titles"${mappingFile ? ` (${mappingFile})` : ''}, t.ex. "titles": { "${result.review[0]?.title ?? 'titel'}": "${result.review[0]?.candidates[0]?.ssyk ?? '0000'}" }:`,
    );
    for (const r of result.review) {
      const where = `rad ${r.rows.join(', ')}`;
      const candidates = r.candidates.map((c) => `${c.ssyk} ${c.label} (via "${c.matchedName}")`).join('; ');
      out.push(
        `  "${r.title}" (${r.status === 'ambiguous' ? 'tvetydig' : 'okänd'}, ${where})${candidates ? `: ${candidates}` : ': inga kandidater'}`,
      );
    }
  }
  const s = result.summary;
  if (result.status === 'ready' && s) {
    out.push(
      `Torrkörning, allt godkänt (inget sparat): ${s.needs} behov (${s.people} personer), ${s.employersNew} nya och ${s.employersExisting} befintliga arbetsgivare. Titlar: ${result.titles.matched} matchade, ${result.titles.resolved} valda, ${result.titles.fromSsykColumn} rader med SSYK i filen.`,
    );
  }
  if (result.status === 'mapping' && s && result.errorCount === 0 && result.review.length === 0) {
    out.push(
      `Med förslaget skulle ${s.needs} behov (${s.people} personer) importeras, ${s.employersNew} nya och ${s.employersExisting} befintliga arbetsgivare. Kör igen med --mapping för att spara.`,
    );
  }
  if (result.status === 'imported' && s) {
    out.push(
      `Importerade ${s.needs} behov (${s.people} personer) från ${result.file} i ${result.regionId}: ${s.employersNew} nya och ${s.employersExisting} befintliga arbetsgivare, ${s.needs} ärenden öppnade.`,
    );
  }
  return out.join('\n');
}

/** `semafor needs import`: the brokers' existing sheets (XLSX/CSV) into employers, needs and cases. */
export function registerNeedsCommand(program: Command, context: () => CliContext): void {
  const needs = program.command('needs').description('Arbetsgivares kompetensbehov');
  needs
    .command('import')
    .description(
      'Importera mäklarnas befintliga listor (XLSX/CSV): kolumnmappning, organisationsnummer, yrkestitlar mot JobTech-taxonomin; allt eller inget',
    )
    .argument('<fil>', 'XLSX- eller CSV-fil (UTF-8 eller Windows-1252; semikolon, komma eller tabb)')
    .requiredOption('--org <region>', 'regionen, t.ex. county:21')
    .option('--mapping <fil>', 'mappning (JSON): kolumner, standardvärden och valda SSYK-koder för titlar')
    .option('--dry-run', 'kontrollera allt men spara inget')
    .option('--json', 'maskinläsbar utdata')
    .action(
      async (file: string, flags: { org: string; mapping?: string; dryRun?: boolean; json?: boolean }) => {
        const bytes = await readFile(file).catch(() => {
          throw new CliError(`${file}: filen finns inte eller kan inte läsas`, 66);
        });
        let mapping: unknown;
        if (flags.mapping) {
          const text = await readFile(flags.mapping, 'utf8').catch(() => {
            throw new CliError(`${flags.mapping}: filen finns inte eller kan inte läsas`, 66);
          });
          try {
            mapping = JSON.parse(text);
          } catch (error) {
            throw new CliError(`${flags.mapping}: ingen giltig JSON (${(error as Error).message})`, 65);
          }
        }
        const result = await context().withDatabase(({ db }) =>
          importNeeds(
            db,
            {
              file: path.basename(file),
              bytes,
              regionId: flags.org,
              mapping,
              dryRun: flags.dryRun,
              onProgress: progressPrinter(),
            },
            { identity: null, audit: { actorId: null } },
            new Date(),
          ),
        );
        if (flags.json) printJson(result);
        else process.stdout.write(`${describeResult(result, flags.mapping)}\n`);
        if (result.status !== 'ready' && result.status !== 'imported') process.exitCode = 65;
      },
    );
}
