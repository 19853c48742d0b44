import path from 'node:path';
import { MultiBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import {
  type ImportSummary,
  importSource,
  orderByDependencies,
  sourcesPresentIn,
} from '../../modules/imports/import.service.js';
import {
  type ComputeSummary,
  computeSignals,
  SIGNAL_SOURCES,
} from '../../modules/signals/signals.service.js';
import { findSources } from '../../sources/registry.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

interface ImportFlags {
  data?: string;
  online?: boolean;
  force?: boolean;
  json?: boolean;
}

/** `semafor import [source ...]`: imports every source present, or the named ones, with a progress bar each. */
export function registerImportCommand(program: Command, context: () => CliContext): void {
  program
    .command('import')
    .description('Importera källor från datakatalogen (eller --online från källornas officiella adresser)')
    .argument('[sources...]', 'källor att importera (standard: alla)')
    .option('--data <dir>', 'datakatalog (standard: SEMAFOR_DATA_DIR eller ../shared/data)')
    .option('--online', 'hämta filerna från källornas officiella adresser')
    .option('--force', 'läs om även oförändrade filer')
    .option('--json', 'maskinläsbar sammanfattning på stdout')
    .action(async (ids: string[], flags: ImportFlags) => {
      const ctx = context();
      const dataDir = flags.data ? path.resolve(flags.data) : ctx.config.dataDir;
      let adapters = orderByDependencies(findSources(ids));
      // Without named sources, import every source whose files are in the data directory.
      if (ids.length === 0 && !flags.online && dataDir) {
        adapters = sourcesPresentIn(adapters, dataDir);
        if (adapters.length === 0) {
          throw new CliError(
            `Inga källfiler hittades i ${dataDir}. Ange rätt katalog med --data KATALOG, eller hämta med --online.`,
          );
        }
      }
      const showBars = !flags.json && process.stderr.isTTY;
      const bars = showBars
        ? new MultiBar(
            {
              format: ' {source} |{bar}| {value}/{total} rader',
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: false,
            },
            Presets.shades_classic,
          )
        : undefined;
      const summaries: ImportSummary[] = [];
      let failure: unknown;
      let signalSummary: ComputeSummary | undefined;
      await ctx.withDatabase(async (database) => {
        const { db } = database;
        for (const adapter of adapters) {
          const bar = bars?.create(1, 0, { source: adapter.meta.id.padEnd(20) });
          try {
            summaries.push(
              await importSource(db, adapter, {
                dataDir,
                online: flags.online,
                force: flags.force,
                cacheDir: ctx.config.cacheDir,
                mirror: ctx.config.onlineMirror,
                onProgress: (_id, done, total) => {
                  bar?.setTotal(Math.max(total, done, 1));
                  bar?.update(done);
                },
              }),
            );
          } catch (error) {
            failure = error;
            break;
          }
        }
        // Hook: new data in a source the signals read → recompute the signals (unchanged rounds are skipped).
        if (
          failure === undefined &&
          summaries.some((s) => s.status === 'succeeded' && SIGNAL_SOURCES.includes(s.sourceId))
        ) {
          signalSummary = await computeSignals(database);
        }
      });
      bars?.stop();
      if (flags.json) {
        printJson({
          ok: failure === undefined,
          sources: summaries,
          signals: signalSummary ?? null,
          error: failure ? String((failure as Error).message) : null,
        });
      } else if (summaries.length > 0) {
        process.stdout.write(
          `${formatTable(
            summaries.map((s) => ({
              källa: s.sourceId,
              status: s.status,
              lästa: s.rowsRead,
              nya: s.rowsInserted,
              ändrade: s.rowsUpdated,
              borttagna: s.rowsDeleted,
              oförändrade: s.rowsUnchanged,
              sekunder: s.seconds.toFixed(2),
            })),
          )}\n`,
        );
        if (signalSummary) {
          process.stdout.write(
            `Signaler (metod ${signalSummary.methodVersion}): ${signalSummary.signals} i ${signalSummary.rounds.length} omgångar, ${signalSummary.seconds.toFixed(2)} s\n`,
          );
        }
      }
      if (failure) {
        if (flags.json) throw new CliError('', 65);
        throw failure;
      }
    });
}
