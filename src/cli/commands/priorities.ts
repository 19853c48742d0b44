import type { Command } from 'commander';
import { draftPriorities } from '../../modules/prioritisation/prioritisation.service.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson } from '../output.js';

const BAND_LABEL: Record<string, string> = { '4': 'SeQF 4', '5-6': 'SeQF 5–6', '6-8': 'SeQF 6–8' };

/** `semafor priorities draft|list|import`: the yearly prioritised list of shortage occupations. */
export function registerPrioritiesCommand(program: Command, context: () => CliContext): void {
  const priorities = program
    .command('priorities')
    .description('Prioriterade bristyrken: utkast ur signalerna, publicerade listor, import av äldre listor');

  priorities
    .command('draft')
    .description('Utkast till prioriterad lista för en region, rangordnat ur de lagrade signalerna')
    .requiredOption('--geo <id>', 'regionen, t.ex. county:21')
    .option('--round <id>', 'signalomgång (standard: bredast täckning för län)')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { geo: string; round?: string; json?: boolean }) => {
      const draft = await context().withDatabase(({ db }) =>
        draftPriorities(db, { geo: flags.geo, round: flags.round }),
      );
      if (flags.json) {
        printJson(draft);
        return;
      }
      const out: string[] = [
        `Utkast: prioriterade bristyrken i ${draft.regionName} (omgång ${draft.round}, metod ${draft.method.version})`,
      ];
      for (const band of ['4', '5-6', '6-8']) {
        const rows = draft.rows.filter((r) => r.seqfBand === band && r.proposed);
        out.push('', `${BAND_LABEL[band]}: ${rows.length} föreslagna`);
        if (rows.length > 0) {
          out.push(
            formatTable(
              rows.map((r) => ({
                rang: r.rank,
                ssyk: r.ssyk,
                yrke: r.name,
                yrkesområde: r.field ?? '',
                poäng: r.score.toLocaleString('sv-SE', { minimumFractionDigits: 1 }),
              })),
            ),
          );
        }
      }
      if (draft.apart.length > 0) {
        out.push(
          '',
          `Paradox (visas för sig, inte i första hand en utbildningsfråga): ${draft.apart.map((r) => r.name).join(', ')}`,
        );
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
