import type { Command } from 'commander';
import { createLogger } from '../../logger.js';
import { startServer } from '../../server/main.js';
import type { CliContext } from '../context.js';
import { printJson } from '../output.js';

/** `semafor serve`: what `npm start` runs. */
export function registerServeCommand(program: Command, context: () => CliContext): void {
  program
    .command('serve')
    .description('Starta webbappen och API:t (importerar öppna data vid första start)')
    .option('--build-if-missing', 'bygg webbappen om den saknas')
    .option('--no-import', 'hoppa över importen vid start')
    .option('--json', 'skriv adressen som JSON när servern lyssnar')
    .action(async (flags: { buildIfMissing?: boolean; import: boolean; json?: boolean }) => {
      const ctx = context();
      const logger = createLogger(ctx.config.logLevel);
      const server = await startServer(ctx.config, logger, {
        buildIfMissing: flags.buildIfMissing,
        importOnStart: flags.import,
      });
      if (flags.json) printJson({ url: `http://${ctx.config.host}:${ctx.config.port}` });
      const stop = async (): Promise<void> => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
