import type { Command } from 'commander';
import { listSources } from '../../modules/sources/sources.service.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson } from '../output.js';

/** `semafor sources`: every adapter, its origin and licence, and its last import run. */
export function registerSourcesCommand(program: Command, context: () => CliContext): void {
  program
    .command('sources')
    .description('Visa källorna, deras licens och senaste import')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { json?: boolean }) => {
      const ctx = context();
      const sources = await ctx.withDatabase(({ db }) => listSources(db, { runsPerSource: 1 }));
      if (flags.json) {
        printJson({ sources });
        return;
      }
      process.stdout.write(
        `${formatTable(
          sources.map((s) => ({
            källa: s.id,
            utgivare: s.publisher,
            licens: s.licence.length > 40 ? `${s.licence.slice(0, 39)}…` : s.licence,
            status: s.lastRun?.status ?? 'aldrig importerad',
            rader: s.lastSuccessfulRun?.rowsRead ?? '',
            tid: s.lastRun?.finishedAt?.toISOString().slice(0, 19).replace('T', ' ') ?? '',
            hash: s.lastSuccessfulRun?.contentHash?.slice(0, 12) ?? '',
          })),
        )}\n`,
      );
    });
}
