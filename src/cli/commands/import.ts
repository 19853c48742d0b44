import path from 'node:path';
import { MultiBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import {
  DEFAULT_SHRINK_LIMIT,
  type ImportRunResult,
  type ImportSummary,
  orderByDependencies,
  runImport,
  sourcesPresentIn,
} from '../../modules/imports/import.service.js';
import { applyRegistryEdits } from '../../modules/learning-centres/registry-edits.service.js';
import {
  type ComputeSummary,
  refreshSignalsIfStale,
  type SignalsFreshness,
} from '../../modules/signals/signals.service.js';
import { findSources } from '../../sources/registry.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

interface ImportFlags {
  data?: string;
  online?: boolean;
  force?: boolean;
  allowShrink?: boolean;
  json?: boolean;
}

const STATUS_SV: Record<ImportSummary['status'], string> = {
  succeeded: 'importerad',
  unchanged: 'oförändrad',
  failed: 'misslyckades',
  skipped: 'hoppades över',
  rolled_back: 'återställd',
};

/**
 * `semafor import [source ...]`: imports every source present, or the named ones, as one all-or-nothing run,
 * then recomputes the signals when they are older than the data.
 */
export function registerImportCommand(program: Command, context: () => CliContext): void {
  program
    .command('import')
    .description('Importera källor från datakatalogen (eller --online från källornas officiella adresser)')
    .argument('[sources...]', 'källor att importera (standard: alla)')
    .option('--data <dir>', 'datakatalog (standard: SEMAFOR_DATA_DIR eller ../shared/data)')
    .option('--online', 'hämta filerna från källornas officiella adresser')
    .option('--force', 'läs om även oförändrade filer')
    .option(
      '--allow-shrink',
      `godta att en källa får mer än ${DEFAULT_SHRINK_LIMIT * 100} % färre rader än vid senaste import`,
    )
    .option('--json', 'maskinläsbar sammanfattning på stdout')
    .action(async (ids: string[], flags: ImportFlags) => {
      const ctx = context();
      const dataDir = flags.data ? path.resolve(flags.data) : ctx.config.dataDir;
      const adapters = orderByDependencies(findSources(ids));
      // Without named sources, import every source whose files are in the data directory (the rest are
      // reported as skipped).
      const everything = ids.length === 0 && !flags.online && dataDir !== undefined;
      if (everything && sourcesPresentIn(adapters, dataDir).length === 0) {
        throw new CliError(
          `Inga källfiler hittades i ${dataDir}. Ange rätt katalog med --data KATALOG, eller hämta med --online.`,
        );
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
      const barOf = new Map<string, ReturnType<MultiBar['create']>>();
      let result: ImportRunResult | undefined;
      let signalSummary: ComputeSummary | undefined;
      let signals: SignalsFreshness | undefined;
      await ctx.withDatabase(async (database) => {
        result = await runImport(database.db, adapters, {
          dataDir,
          online: flags.online,
          force: flags.force,
          allowShrink: flags.allowShrink,
          inactivitySeconds: ctx.config.importInactivitySeconds,
          skipAbsent: everything,
          cacheDir: ctx.config.cacheDir,
          mirror: ctx.config.onlineMirror,
          onProgress: (id, done, total) => {
            if (!bars) return;
            let bar = barOf.get(id);
            if (!bar) {
              bar = bars.create(1, 0, { source: id.padEnd(20) });
              barOf.set(id, bar);
            }
            bar.setTotal(Math.max(total, done, 1));
            bar.update(done);
          },
        });
        // Signals older than the data (a new import, or an earlier run that ended before computing) are
        // recomputed; a failed run changed nothing, but the signals may still be behind from before.
        // Edits made in the web app win over the registry file (conflicts wait for a region admin).
        if (result && !result.error) await applyRegistryEdits(database.db, new Date());
        ({ signals, computed: signalSummary } = await refreshSignalsIfStale(database));
      });
      bars?.stop();
      const summaries = result?.sources ?? [];
      const failure = result?.error ?? null;
      if (flags.json) {
        printJson({
          ok: failure === null,
          sources: summaries,
          skipped: summaries
            .filter((s) => s.status === 'skipped')
            .map((s) => ({ sourceId: s.sourceId, reason: s.note })),
          signals: signalSummary ?? null,
          signalsUpToDate: signals?.upToDate ?? null,
          failedSource: result?.failedSource ?? null,
          error: failure ? failure.message : null,
        });
      } else if (summaries.length > 0) {
        process.stdout.write(
          `${formatTable(
            summaries.map((s) => ({
              källa: s.sourceId,
              status: STATUS_SV[s.status],
              lästa: s.rowsRead,
              nya: s.rowsInserted,
              ändrade: s.rowsUpdated,
              borttagna: s.rowsDeleted,
              oförändrade: s.rowsUnchanged,
              sekunder: s.seconds.toFixed(2),
            })),
          )}\n`,
        );
        for (const s of summaries) {
          if (s.note) process.stdout.write(`${s.sourceId}: ${s.note}\n`);
        }
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
