import path from 'node:path';
import type { Config } from '../config.js';
import { describeRecovery, openDatabase } from '../db/client.js';
import { serveOnlineBackups } from '../db/online-backup.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadAuthSettings } from '../modules/auth/auth-settings.js';
import { scheduleDailyRetention } from '../modules/employer-needs/retention.service.js';
import { runImport, sourcesPresentIn } from '../modules/imports/import.service.js';
import { applyRegistryEdits } from '../modules/learning-centres/registry-edits.service.js';
import { refreshSignalsIfStale } from '../modules/signals/signals.service.js';
import { sourceAdapters } from '../sources/registry.js';
import { type App, buildApp } from './app.js';
import type { DataStatus } from './deps.js';
import { webBuildIsStale } from './web-build.js';

export interface ServeOptions {
  /** Build the web app first when dist/web is missing. */
  buildIfMissing?: boolean;
  /** Import the open data on start (new or changed files only). */
  importOnStart?: boolean;
}

/** Where the built web app lives. */
export const webDistDir = (config: Pick<Config, 'projectRoot'>): string =>
  path.join(config.projectRoot, 'dist', 'web');

/** Builds the web app with Vite (used by `npm start` on a fresh checkout). */
export async function buildWebApp(config: Pick<Config, 'projectRoot'>, logger: Logger): Promise<void> {
  logger.info('Bygger webbappen (första start)…');
  const { build } = await import('vite');
  // vite.config.ts sets root (src/web) and outDir (dist/web); an inline root here would override it.
  await build({
    configFile: path.join(config.projectRoot, 'vite.config.ts'),
    logLevel: 'warn',
  });
}

/**
 * Opens the database, loads the open data when it is new or changed, and serves API and web app.
 * Returns the running app and a close function.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: ServeOptions = {},
): Promise<{ app: App; close(): Promise<void> }> {
  const webDir = webDistDir(config);
  if (options.buildIfMissing && webBuildIsStale(config.projectRoot, webDir))
    await buildWebApp(config, logger);

  const database = await openDatabase(config, {
    onRecovery: (recovery) => logger.warn(describeRecovery(recovery)),
  });
  logger.info(
    { backend: database.kind, location: database.location },
    `Databas: ${database.kind} (${database.location})`,
  );

  let dataStatus: DataStatus = { state: 'ready' };
  if (options.importOnStart !== false) {
    if (!config.dataDir) {
      dataStatus = {
        state: 'no_data',
        message:
          'Ingen datakatalog hittades. Ange SEMAFOR_DATA_DIR=/sökväg/till/data och starta om, eller kör "npx semafor import --online".',
      };
      logger.warn(dataStatus.message);
    } else if (sourcesPresentIn(sourceAdapters, config.dataDir).length === 0) {
      dataStatus = {
        state: 'no_data',
        message: `Inga källfiler hittades i ${config.dataDir}. Ange SEMAFOR_DATA_DIR=/sökväg/till/data och starta om, eller kör "npx semafor import --online".`,
      };
      logger.warn(dataStatus.message);
    } else {
      dataStatus = { state: 'loading' };
      // One all-or-nothing run: a failure leaves the database as it was, and the server starts on that.
      const result = await runImport(database.db, sourceAdapters, {
        dataDir: config.dataDir,
        cacheDir: config.cacheDir,
        skipAbsent: true,
        inactivitySeconds: config.importInactivitySeconds,
      });
      for (const summary of result.sources) {
        logger.info(
          {
            source: summary.sourceId,
            status: summary.status,
            rows: summary.rowsRead,
            seconds: summary.seconds,
            ...(summary.note ? { note: summary.note } : {}),
          },
          `Import ${summary.sourceId}: ${summary.status}${summary.note ? ` (${summary.note})` : ''}`,
        );
      }
      if (result.error) {
        dataStatus = {
          state: 'failed',
          message: `Import av ${result.failedSource} misslyckades (databasen är oförändrad): ${result.error.message}`,
        };
        logger.error(dataStatus.message);
      } else {
        // Edits made in the web app win over the registry file; conflicts wait for a region admin.
        const edits = await applyRegistryEdits(database.db, new Date());
        if (edits.reapplied > 0) logger.info(edits, 'learning-centre edits written back after the import');
        dataStatus = { state: 'ready' };
      }
    }
  }
  // Signals older than the data (a new import, an earlier import that ended before computing, a new method) are
  // recomputed; after a failed import too, since the database is then exactly as before.
  try {
    const { signals, computed } = await refreshSignalsIfStale(database);
    const rounds = computed?.rounds.filter((r) => r.status === 'computed') ?? [];
    if (computed && rounds.length > 0) {
      logger.info(
        { rounds: rounds.map((r) => r.roundId), signals: computed.signals, seconds: computed.seconds },
        `Signaler beräknade (${computed.methodVersion})`,
      );
    }
    if (!signals.upToDate) logger.warn('Signalerna är äldre än data efter beräkningen');
  } catch (error) {
    logger.error(`Beräkning av signaler misslyckades: ${errorMessage(error)}`);
  }

  const app = await buildApp({ database, config, logger, webDir, dataStatus: () => dataStatus });
  await app.listen({ port: config.port, host: config.host });
  // "semafor db backup" from another shell asks this process for a copy (the embedded database has one opener).
  const stopOnlineBackups = serveOnlineBackups(database, logger);
  // Personal data past its retention (employer contacts, the audit trail) is deleted at start and then daily; the
  // same as `semafor retention run`. This is the only place the server runs it (retention-at-start.test.ts).
  const stopRetention = scheduleDailyRetention(database.db, {
    auditRetentionYears: loadAuthSettings().auditRetentionYears,
    logger,
  });
  logger.info(`Semafor körs på http://${config.host}:${config.port}`);
  return {
    app,
    async close() {
      stopOnlineBackups();
      stopRetention();
      await app.close();
      await database.close();
    },
  };
}
