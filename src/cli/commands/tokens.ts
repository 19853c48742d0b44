import type { Command } from 'commander';
import { selectUserByEmail } from '../../modules/auth/auth.repo.js';
import { createApiToken } from '../../modules/auth/auth.service.js';
import type { CliContext } from '../context.js';
import { CliError, printJson } from '../output.js';

/** `semafor tokens create`: an API token for integrations, printed once. */
export function registerTokensCommand(program: Command, context: () => CliContext): void {
  const tokens = program.command('tokens').description('API-nycklar (Authorization: Bearer)');
  tokens
    .command('create')
    .description('Skapa en API-nyckel för en användare; nyckeln visas bara nu')
    .requiredOption('--email <adress>', 'användarens e-postadress')
    .requiredOption('--scope <scope>', 'read eller write')
    .option('--days <n>', 'giltighet i dagar (1–366)', '90')
    .option('--name <namn>', 'vad nyckeln används till', '')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { email: string; scope: string; days: string; name: string; json?: boolean }) => {
      const ctx = context();
      if (flags.scope !== 'read' && flags.scope !== 'write') {
        throw new CliError(`--scope ska vara read eller write, inte ${flags.scope}`, 64);
      }
      const scope = flags.scope;
      const days = Number(flags.days);
      const created = await ctx.withDatabase(async ({ db }) => {
        const user = await selectUserByEmail(db, flags.email.trim());
        if (user?.status !== 'active')
          throw new CliError(`Inget aktivt konto med e-postadressen ${flags.email}`);
        return createApiToken(db, { userId: user.id, scope, days, name: flags.name }, new Date());
      });
      if (flags.json) {
        printJson({
          token: created.token,
          id: created.id,
          scope,
          expiresAt: created.expiresAt.toISOString(),
        });
        return;
      }
      process.stdout.write(
        `${created.token}\n(${scope}, gäller till ${created.expiresAt.toISOString()}; visas bara nu)\n`,
      );
    });
}
