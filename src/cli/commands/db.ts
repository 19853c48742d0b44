import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../db/backup.js';
import { onlineBackupServer, requestOnlineBackup } from '../../db/online-backup.js';
import { pgDump } from '../../db/pg-dump.js';
import type { CliContext } from '../context.js';
import { CliError, printJson } from '../output.js';

/** `semafor db backup FILE` and `semafor db restore FILE` for the embedded database. */
export function registerDbCommand(program: Command, context: () => CliContext): void {
  const db = program
    .command('db')
    .description('Säkerhetskopiera (även medan servern körs) och återställ databasen');
  db.command('backup')
    .argument('<file>', 'fil att skriva (tar.gz för den inbyggda databasen, pg_dump-format för PostgreSQL)')
    .option('--online', 'låt den körande servern ta kopian (annars bara när databasen är låst av servern)')
    .option('--json', 'maskinläsbar utdata')
    .action(async (file: string, flags: { json?: boolean; online?: boolean }) => {
      const ctx = context();
      const target = path.resolve(file);
      let result: { file: string; bytes: number; how: 'offline' | 'online' | 'pg_dump'; pid?: number };
      if (ctx.config.database.kind === 'postgres') {
        // pg_dump is online by design: one consistent snapshot while the server keeps serving.
        result = { ...(await pgDump(ctx.config.database.url, target)), how: 'pg_dump' };
      } else {
        const dir = ctx.config.database.dir;
        // The embedded database has one opener. While "semafor serve" holds it, the server takes the copy.
        const online = async () => ({ ...(await requestOnlineBackup(dir, target)), how: 'online' as const });
        if (flags.online || onlineBackupServer(dir) !== undefined) result = await online();
        else {
          const bytes = await ctx.withDatabase((database) => backupDatabase(database));
          await writeFile(target, bytes);
          result = { file: target, bytes: bytes.byteLength, how: 'offline' };
        }
      }
      if (flags.json) printJson({ ok: true, ...result });
      else {
        const by =
          result.how === 'online'
            ? ` av den körande servern (process ${result.pid})`
            : result.how === 'pg_dump'
              ? ' med pg_dump (återställ med pg_restore)'
              : '';
        process.stdout.write(`Säkerhetskopia skriven${by}: ${result.file} (${result.bytes} byte)\n`);
      }
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
