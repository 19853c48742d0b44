import type { Command } from 'commander';
import { loadAuthSettings } from '../../modules/auth/auth-settings.js';
import { runRetention } from '../../modules/employer-needs/retention.service.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson } from '../output.js';

/** `semafor retention run`: what the server's daily job does (audit trail and employer contacts past retention). */
export function registerRetentionCommand(program: Command, context: () => CliContext): void {
  const retention = program.command('retention').description('Gallring av personuppgifter');
  retention
    .command('run')
    .description(
      'Gallra nu: loggen och utkorgen efter AUDIT_RETENTION_YEARS, arbetsgivarkontakter efter regionens inställning (standard 24 månader utan aktivitet)',
    )
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { json?: boolean }) => {
      const ctx = context();
      const result = await ctx.withDatabase(({ db }) =>
        runRetention(db, { auditRetentionYears: loadAuthSettings().auditRetentionYears }, new Date()),
      );
      if (flags.json) {
        printJson(result);
        return;
      }
      process.stdout.write(
        `Logg och utkorg: ${result.auditDeleted} rader äldre än ${result.auditRetentionYears} år raderade\n`,
      );
      if (result.contacts.length === 0) {
        process.stdout.write('Inga arbetsgivare registrerade\n');
        return;
      }
      process.stdout.write(
        `${formatTable(
          result.contacts.map((c) => ({
            region: c.regionId,
            månader: c.months,
            gräns: c.cutoff.slice(0, 10),
            arbetsgivare: c.employers,
            'kontakter raderade': c.contacts,
          })),
        )}\n`,
      );
    });
}
