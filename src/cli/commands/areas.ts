import type { Command } from 'commander';
import { addArea, listAreas, parseMunicipalityCodes, removeArea } from '../../modules/areas/areas.service.js';
import { computeSignals } from '../../modules/signals/signals.service.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson } from '../output.js';

/** `semafor areas add|list|remove`: custom labour-market areas (sets of municipalities). */
export function registerAreasCommand(program: Command, context: () => CliContext): void {
  const areas = program.command('areas').description('Egna arbetsmarknadsområden (grupper av kommuner)');

  areas
    .command('add')
    .description('Skapa ett område, t.ex. --name "Södra Hälsingland" --municipalities 2121,2182,2183')
    .requiredOption('--name <namn>', 'områdets namn')
    .requiredOption('--municipalities <koder>', 'kommunkoder, kommaseparerade')
    .option('--id <slug>', 'egen id (standard: bildas av namnet)')
    .option('--no-compute', 'beräkna inte signalerna för området direkt')
    .option('--json', 'maskinläsbar utdata')
    .action(
      async (flags: {
        name: string;
        municipalities: string;
        id?: string;
        compute: boolean;
        json?: boolean;
      }) => {
        const ctx = context();
        const codes = parseMunicipalityCodes(flags.municipalities);
        const result = await ctx.withDatabase(async (database) => {
          const area = await addArea(database.db, {
            name: flags.name,
            municipalities: codes,
            slug: flags.id,
          });
          const computed = flags.compute ? await computeSignals(database) : null;
          return { area, computed };
        });
        if (flags.json) {
          printJson(result);
          return;
        }
        process.stdout.write(
          `Skapade ${result.area.id} (${result.area.name}) med ${result.area.members.length} kommuner: ${result.area.members.map((m) => m.name ?? m.code).join(', ')}\n${result.computed ? `Signaler beräknade: ${result.computed.signals} på ${result.computed.seconds.toFixed(2)} s\n` : ''}`,
        );
      },
    );

  areas
    .command('list')
    .description('Visa områdena och deras kommuner')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { json?: boolean }) => {
      const ctx = context();
      const list = await ctx.withDatabase(({ db }) => listAreas(db));
      if (flags.json) {
        printJson({ areas: list });
        return;
      }
      process.stdout.write(
        `${formatTable(list.map((a) => ({ id: a.id, namn: a.name, kommuner: a.members.map((m) => `${m.code} ${m.name ?? ''}`.trim()).join(', ') })))}\n`,
      );
    });

  areas
    .command('remove')
    .description('Ta bort ett område (id eller namn)')
    .argument('<id>', 'area:<slug> eller namnet')
    .option('--no-compute', 'beräkna inte om signalerna direkt')
    .option('--json', 'maskinläsbar utdata')
    .action(async (id: string, flags: { compute: boolean; json?: boolean }) => {
      const ctx = context();
      await ctx.withDatabase(async (database) => {
        await removeArea(database.db, id);
        if (flags.compute) await computeSignals(database);
      });
      if (flags.json) printJson({ removed: id });
      else process.stdout.write(`Tog bort ${id}\n`);
    });
}
