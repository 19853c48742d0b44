import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { serviceDefinition } from '../../core/learning-centres/services.js';
import { centresToCsv, centresToXlsx } from '../../modules/learning-centres/learning-centres.export.js';
import { type CentreFilter, listCentres } from '../../modules/learning-centres/learning-centres.service.js';
import { computeReach, type PointSource } from '../../modules/learning-centres/reach.service.js';
import { importCentreFile } from '../../modules/learning-centres/registry-import.service.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

interface FilterFlags {
  geo?: string;
  service?: string[];
  evenings?: boolean;
  weekends?: boolean;
  status?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function filterOf(flags: FilterFlags): CentreFilter {
  return {
    geo: flags.geo,
    services: flags.service,
    evenings: flags.evenings,
    weekends: flags.weekends,
    status: flags.status,
  };
}

function addFilterOptions(command: Command): Command {
  return command
    .option('--geo <id>', 'geografi, t.ex. county:21, municipality:2180, fa:36')
    .option('--service <code>', 'tjänst som krävs (kan upprepas), t.ex. exam_invigilation', collect)
    .option('--evenings', 'bara centra som enligt uppgift har kvällsöppet')
    .option('--weekends', 'bara centra som enligt uppgift har helgöppet')
    .option('--status <status>', 'active, planned eller historical (kan upprepas)', collect);
}

const percent = (share: number | null): string => (share === null ? '' : `${Math.round(share * 100)} %`);
const km = (value: number | null): string => (value === null ? '' : value.toFixed(1));

/** `semafor larcentra …`: list, reach, export and import of the learning-centre registry. */
export function registerLarcentraCommand(program: Command, context: () => CliContext): void {
  const larcentra = program
    .command('larcentra')
    .description('Lärcentraregistret: lista, täckning, export och import');

  addFilterOptions(
    larcentra.command('list').description('Lista lärcentra (filtrera på geografi och tjänster)'),
  )
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: FilterFlags & { json?: boolean }) => {
      const ctx = context();
      const { centres } = await ctx.withDatabase(({ db }) => listCentres(db, filterOf(flags)));
      if (flags.json) {
        printJson({ centres });
        return;
      }
      process.stdout.write(
        `${formatTable(
          centres.map((c) => ({
            id: c.id,
            namn: c.name.length > 48 ? `${c.name.slice(0, 47)}…` : c.name,
            kommun: c.municipality?.name ?? c.municipalities.map((m) => m.name).join(', '),
            status: c.status,
            tjänster: c.services.map((s) => serviceDefinition(s).sv).join(', '),
            koordinat: c.coordinates?.origin ?? 'saknas',
          })),
        )}\n${centres.length} lärcentra\n`,
      );
    });

  larcentra
    .command('reach')
    .description('Täckning: avstånd till närmaste lärcentrum och befolkningsandel inom 10/20/30/50 km')
    .requiredOption('--geo <id>', 'geografi, t.ex. county:21')
    .option('--points <source>', 'orter från postnummer (postal) eller JobTech-orter (places)', 'postal')
    .option('--include-planned', 'räkna planerade centra som öppna')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { geo: string; points: string; includePlanned?: boolean; json?: boolean }) => {
      const ctx = context();
      const report = await ctx.withDatabase(({ db }) =>
        computeReach(db, {
          geo: flags.geo,
          points: flags.points as PointSource,
          includePlanned: flags.includePlanned,
          includeLocalities: flags.json === true,
        }),
      );
      if (flags.json) {
        printJson(report);
        return;
      }
      const rows = report.municipalities.map((m) => ({
        kommun: m.name,
        centra: m.centresLocated,
        'inom 10': percent(m.shareWithin['10']),
        'inom 20': percent(m.shareWithin['20']),
        'inom 30': percent(m.shareWithin['30']),
        'inom 50': percent(m.shareWithin['50']),
        'medel km': km(m.meanDistanceKm),
        'max km': km(m.maxDistanceKm),
        flagga: m.noCentreWithin30Km ? 'inget centrum inom 30 km' : '',
        närmast: m.mainCentre?.name ?? '',
      }));
      const t = report.total;
      rows.push({
        kommun: `Totalt ${report.geography.name}`,
        centra: t.municipalitiesWithCentre,
        'inom 10': percent(t.shareWithin['10']),
        'inom 20': percent(t.shareWithin['20']),
        'inom 30': percent(t.shareWithin['30']),
        'inom 50': percent(t.shareWithin['50']),
        'medel km': km(t.meanDistanceKm),
        'max km': km(t.maxDistanceKm),
        flagga: `${t.municipalitiesFlagged} flaggade`,
        närmast: '',
      });
      const m = report.method;
      process.stdout.write(
        `${formatTable(rows)}\n\n` +
          `Orter: ${m.localities} (${m.points === 'postal' ? 'postorter, befolkningen fördelad efter antal postnummer' : 'JobTech-orter, befolkningen jämnt fördelad'}); befolkning ${m.populationYear ?? '?'}.\n` +
          `Centra: ${m.centresUsed} med koordinat (${Object.entries(m.centresByOrigin)
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ', ',
            )}); utan koordinat: ${m.centresWithoutCoordinates.map((c) => c.name).join('; ') || 'inga'}.\n`,
      );
    });

  addFilterOptions(
    larcentra
      .command('export')
      .description('Exportera registret (filtrerat) till CSV (UTF-8 med BOM, semikolon) eller XLSX')
      .argument('<file>', 'utfil: .csv eller .xlsx'),
  )
    .option('--json', 'sammanfattning som JSON')
    .action(async (file: string, flags: FilterFlags & { json?: boolean }) => {
      const ext = path.extname(file).toLowerCase();
      if (ext !== '.csv' && ext !== '.xlsx')
        throw new CliError(`${file}: filen ska sluta på .csv eller .xlsx`, 64);
      const ctx = context();
      const { centres, importedAt } = await ctx.withDatabase(({ db }) => listCentres(db, filterOf(flags)));
      const body =
        ext === '.csv'
          ? centresToCsv(centres)
          : await centresToXlsx(centres, {
              title: flags.geo ? `Lärcentra i ${flags.geo}` : 'Lärcentraregistret',
              generatedAt: new Date(),
              importedAt,
            });
      await writeFile(file, body);
      if (flags.json) printJson({ file: path.resolve(file), centres: centres.length });
      else process.stdout.write(`${centres.length} lärcentra skrivna till ${file}\n`);
    });

  larcentra
    .command('import')
    .description(
      'Läs in en egen lärcentrafil (CSV eller XLSX med samma kolumner som larcentra.csv) som registret',
    )
    .argument('<file>', 'fil att läsa in')
    .option(
      '--data <dir>',
      'datakatalog med referensfilerna (standard: SEMAFOR_DATA_DIR eller ../shared/data)',
    )
    .option('--force', 'läs in även om filen är oförändrad')
    .option(
      '--allow-shrink',
      'godta att filen har långt färre rader än registret (t.ex. en regions egen lista)',
    )
    .option('--json', 'maskinläsbar sammanfattning')
    .action(
      async (
        file: string,
        flags: { data?: string; force?: boolean; allowShrink?: boolean; json?: boolean },
      ) => {
        const ctx = context();
        const summary = await ctx.withDatabase(({ db }) =>
          importCentreFile(db, file, {
            dataDir: flags.data ? path.resolve(flags.data) : ctx.config.dataDir,
            cacheDir: ctx.config.cacheDir,
            force: flags.force,
            allowShrink: flags.allowShrink,
          }),
        );
        if (flags.json) {
          printJson(summary);
          return;
        }
        process.stdout.write(
          `${formatTable([
            {
              fil: file,
              status: summary.status,
              lästa: summary.rowsRead,
              nya: summary.rowsInserted,
              ändrade: summary.rowsUpdated,
              borttagna: summary.rowsDeleted,
              sekunder: summary.seconds.toFixed(2),
            },
          ])}\n`,
        );
      },
    );
}
