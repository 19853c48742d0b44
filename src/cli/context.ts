import { type Config, loadConfig } from '../config.js';
import { type Database, describeRecovery, openDatabase } from '../db/client.js';
import { createLogger, type Logger } from '../logger.js';

/** What every command needs; the database is opened lazily so `--help` and pure commands stay fast. */
export interface CliContext {
  config: Config;
  logger: Logger;
  withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T>;
}

/** Builds the CLI context from the environment; logs go to stderr so stdout stays machine-readable. */
export function createCliContext(): CliContext {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { destination: 2 });
  return {
    config,
    logger,
    async withDatabase(fn) {
      const database = await openDatabase(config, {
        onRecovery: (recovery) => logger.warn(describeRecovery(recovery)),
      });
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
  };
}
