import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadAuthSettings } from '../../modules/auth/auth-settings.js';
import { runFollowUp } from '../../modules/learners/follow-up.service.js';
import { importVisitFile } from '../../modules/learners/visits-import.service.js';
import { centreOrganisationId } from '../../modules/learning-centres/centre-organisation.service.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

/**
 * `semafor learners follow-up`: what the server's daily job does for learning centres' learners.
 * `semafor learners visits import FILE --centre ID`: a centre's study-place visit counts from a CSV or XLSX file.
 */
export function registerLearnersCommand(program: Command, context: () => CliContext): void {
  const learners = program.command('learners').description('Lärcentrens deltagare och uppföljning');
  learners
    .command('follow-up')
    .description(
      'Skicka uppföljningsenkäter som är på tur (6–12 månader efter avslutade studier, en engångslänk via utkorgen) och radera namn och e-post för deltagare som avslutade för länge sedan (standard 24 månader)',
    )
    .option('--base-url <url>', 'webbadress i länkarna (standard SEMAFOR_PUBLIC_URL)')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { baseUrl?: string; json?: boolean }) => {
      const ctx = context();
      const settings = loadAuthSettings();
      const baseUrl = (flags.baseUrl ?? settings.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
      const result = await ctx.withDatabase(({ db }) => runFollowUp(db, settings, { baseUrl }, new Date()));
      if (flags.json) {
        printJson(result);
        return;
      }
      process.stdout.write(
        `Enkäter skickade: ${result.surveysSent}\nDeltagare avidentifierade: ${result.anonymised}\n`,
      );
      if (result.centres.length > 0) {
        process.stdout.write(
          `${formatTable(
            result.centres.map((c) => ({
              lärcentrum: c.centreId,
              enkäter: c.surveysSent,
              avidentifierade: c.anonymised,
            })),
          )}\n`,
        );
      }
    });

  learners
    .command('visits')
    .description('Lärcentrens besök på studieplatserna')
    .command('import')
    .description(
      'Importera besöksantal från en CSV- eller XLSX-fil (kolumnerna månad och besök, gärna kön och åldersgrupp). Hela filen eller inget; en månad ersätter sitt tidigare antal.',
    )
    .argument('<fil>', 'filen, .csv eller .xlsx')
    .requiredOption('--centre <id>', 'lärcentrets id i registret, t.ex. larcentrum-sandviken')
    .option('--dry-run', 'kontrollera och visa vad som skulle hända, spara inget')
    .option('--json', 'maskinläsbar utdata (samma som POST /api/learning-centres/{id}/visits/import)')
    .action(async (file: string, flags: { centre: string; dryRun?: boolean; json?: boolean }) => {
      const bytes = await readFile(file).catch(() => {
        throw new CliError(`Filen kan inte läsas: ${file}`);
      });
      // The CLI is run by the operator on the server: it acts for the centre, audited without an actor.
      const report = await context().withDatabase(({ db }) =>
        importVisitFile(
          db,
          { operator: true },
          { file: path.basename(file), bytes, centreId: flags.centre, dryRun: flags.dryRun },
          { actorId: null, organisationId: centreOrganisationId(flags.centre) },
          new Date(),
        ),
      );
      if (flags.json) printJson(report);
      else {
        const where = (p: (typeof report.problems)[number]) =>
          [p.file, p.row === undefined ? '' : `rad ${p.row}`, p.column ? `kolumn "${p.column}"` : '']
            .filter(Boolean)
            .join(', ');
        const what = `${report.counts.rows} rader, ${report.counts.visits} besök`;
        process.stdout.write(
          report.written
            ? `Importerade ${report.file} till ${report.centre.name}: ${what}\n`
            : report.accepted
              ? `Provkörning: ${what} (inget sparat)\n`
              : `Inget sparat: ${report.problems.length} fel:\n${report.problems.map((p) => `  ${where(p)}: ${p.message}`).join('\n')}\n`,
        );
      }
      if (!report.accepted) process.exitCode = 65;
    });
}
