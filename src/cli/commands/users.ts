import type { Command } from 'commander';
import { loadAuthSettings } from '../../modules/auth/auth-settings.js';
import { isRole, ROLES } from '../../modules/auth/roles.js';
import { createUser, disableUser, invitationPath, listUsers } from '../../modules/users/users.service.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

/** Reads the whole of stdin (for --password-stdin); the trailing newline is not part of the password. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The full invitation link: SEMAFOR_PUBLIC_URL, else the local server address. */
function invitationUrl(ctx: CliContext, token: string): string {
  const base = loadAuthSettings().publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
  return `${base}${invitationPath(token)}`;
}

/** `semafor users create-admin|list|disable`: user administration from the command line. */
export function registerUsersCommand(program: Command, context: () => CliContext): void {
  const users = program.command('users').description('Användarkonton');

  users
    .command('create-admin')
    .description('Skapa en administratör för en region (utan --password-stdin: skriver en engångslänk)')
    .requiredOption('--email <adress>', 'e-postadress')
    .requiredOption('--org <id>', 'organisation, t.ex. county:21')
    .option('--role <roll>', `roll (${ROLES.join(', ')})`, 'admin')
    .option('--name <namn>', 'namn')
    .option('--password-stdin', 'läs lösenordet från standard in')
    .option('--json', 'maskinläsbar utdata')
    .action(
      async (flags: {
        email: string;
        org: string;
        role: string;
        name?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const ctx = context();
        if (!isRole(flags.role)) throw new CliError(`Okänd roll: ${flags.role} (${ROLES.join(', ')})`, 64);
        const role = flags.role;
        const password = flags.passwordStdin ? await readStdin() : undefined;
        const created = await ctx.withDatabase(({ db }) =>
          createUser(
            db,
            { email: flags.email, name: flags.name, organisationId: flags.org, role, password },
            { actorId: null },
            new Date(),
          ),
        );
        const link = created.invitationToken ? invitationUrl(ctx, created.invitationToken) : undefined;
        if (flags.json) {
          printJson({
            id: created.id,
            email: created.email,
            organisation: created.organisationId,
            role: created.role,
            ...(link ? { invitationUrl: link, invitationExpiresAt: created.invitationExpiresAt } : {}),
          });
          return;
        }
        process.stdout.write(`Skapade ${created.email} (${created.role} i ${created.organisationId})\n`);
        if (link) {
          process.stdout.write(
            `Engångslänk för att välja lösenord (giltig till ${created.invitationExpiresAt}):\n${link}\n`,
          );
        }
      },
    );

  users
    .command('list')
    .description('Visa användare och deras roller')
    .option('--org <id>', 'bara användare i denna organisation')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { org?: string; json?: boolean }) => {
      const ctx = context();
      const list = await ctx.withDatabase(({ db }) => listUsers(db, { organisationId: flags.org }));
      if (flags.json) {
        printJson({ users: list });
        return;
      }
      process.stdout.write(
        `${formatTable(
          list.map((u) => ({
            'e-post': u.email,
            namn: u.name,
            status: u.status,
            roller: u.memberships.map((m) => `${m.role}@${m.organisationId}`).join(', '),
            'senast inloggad': u.lastSignInAt ?? '',
          })),
        )}\n`,
      );
    });

  users
    .command('disable')
    .description('Stäng av ett konto (avslutar dess sessioner; nycklarna slutar gälla)')
    .requiredOption('--email <adress>', 'e-postadress')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { email: string; json?: boolean }) => {
      const ctx = context();
      const id = await ctx.withDatabase(({ db }) =>
        disableUser(db, flags.email, { actorId: null }, new Date()),
      );
      if (flags.json) printJson({ id, email: flags.email.trim().toLowerCase(), status: 'disabled' });
      else process.stdout.write(`Stängde av ${flags.email}\n`);
    });
}
