import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../db/backup.js';
import type { CliContext } from '../context.js';
import { CliError, printJson } from '../output.js';

/** `semafor db backup FILE` and `semafor db restore FILE` for the embedded database. */
export function registerDbCommand(program: Command, context: () => CliContext): void {
  const db = program.command('db').description('Säkerhetskopiera och återställ den inbyggda databasen');
  db.command('backup')
    .argument('<file>', 'fil att skriva (tar.gz)')
    .option('--json', 'maskinläsbar utdata')
    .action(async (file: string, flags: { json?: boolean }) => {
      const ctx = context();
      if (ctx.config.database.kind !== 'pglite') {
        throw new CliError(
          'Säkerhetskopiering av PostgreSQL görs med pg_dump; detta kommando gäller den inbyggda databasen.',
        );
      }
      const bytes = await ctx.withDatabase((database) => backupDatabase(database));
      const target = path.resolve(file);
      await writeFile(target, bytes);
      if (flags.json) printJson({ ok: true, file: target, bytes: bytes.byteLength });
      else process.stdout.write(`Säkerhetskopia skriven: ${target} (${bytes.byteLength} byte)\n`);
    });
  db.command('restore')
    .argument('<file>', 'säkerhetskopia att läsa (från "semafor db backup")')
    .option('--json', 'maskinläsbar utdata')
    .action(async (file: string, flags: { json?: boolean }) => {
      const ctx = context();
      if (ctx.config.database.kind !== 'pglite') {
        throw new CliError(
          'Återställning av PostgreSQL görs med pg_restore; detta kommando gäller den inbyggda databasen.',
        );
      }
      const source = path.resolve(file);
      const bytes = await readFile(source).catch(() => {
        throw new CliError(`Kan inte läsa ${source}`);
      });
      await restoreDatabase(ctx.config.database.dir, bytes);
      if (flags.json) printJson({ ok: true, file: source, directory: ctx.config.database.dir });
      else process.stdout.write(`Databasen i ${ctx.config.database.dir} återställd från ${source}\n`);
    });
}
