import type { Command } from 'commander';
import { loadAuthSettings } from '../../modules/auth/auth-settings.js';
import { runFollowUp } from '../../modules/learners/follow-up.service.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson } from '../output.js';

/** `semafor learners follow-up`: what the server's daily job does for learning centres' learners. */
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
}
