/**
 * The server the browser tests run against (Playwright's webServer): builds the web app when dist/web is missing
 * or older than its sources, then runs `node bin/semafor.js serve` on a fresh embedded database in a temporary
 * directory, so the real open data (../shared/data) is imported on start. The directory is removed when the
 * server exits (Playwright stops it with SIGTERM to the process group).
 *
 * Before the server starts (it then holds the database lock), the first administrator of county:21 is created with
 * the real CLI, as an operator would (`semafor users create-admin --password-stdin`); accounts.spec.ts signs in as
 * that admin. Only the region's organisation row is written first, since the CLI would otherwise need the
 * geographies that `serve` imports on start.
 *
 * The server sends its e-mail (invitations, booking confirmations with calendar files) to a real SMTP server on
 * loopback run by this process; each message received is written as `<n>.eml` into SEMAFOR_E2E_MAIL_DIR (set by
 * playwright.config.ts), where the specs read them (`receivedMails` in mail.ts). The outbox keeps a copy as always.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { build } from 'vite';
import { openPglite } from '../../src/db/client.js';
import { organisations } from '../../src/db/schema/index.js';
import { webBuildIsStale } from '../../src/server/web-build.js';
import { E2E_ADMIN } from './accounts-fixture.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const builtIndex = path.join(root, 'dist', 'web', 'index.html');

if (webBuildIsStale(root, path.dirname(builtIndex))) {
  process.stderr.write('e2e: building the web app (dist/web is missing or older than its sources)\n');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const mailDir = process.env.SEMAFOR_E2E_MAIL_DIR;
if (!mailDir) throw new Error('e2e: SEMAFOR_E2E_MAIL_DIR is not set (playwright.config.ts sets it)');
// Start empty: a previous run on the same port may have left mail behind if it was killed.
rmSync(mailDir, { recursive: true, force: true });
mkdirSync(mailDir, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      // Written whole under a temporary name, then renamed, so a reader never sees half a message.
      const file = path.join(mailDir, `${String(++received).padStart(4, '0')}.eml`);
      writeFileSync(`${file}.tmp`, Buffer.concat(chunks));
      renameSync(`${file}.tmp`, file);
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as { port: number }).port;

const dir = mkdtempSync(path.join(tmpdir(), 'semafor-e2e-'));
const env = {
  ...process.env,
  SEMAFOR_DB_DIR: path.join(dir, 'db'),
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: 'Semafor <noreply@semafor.test>',
};

// The region as `semafor import geo` would make it (same id, type and name); the import on start leaves it alone.
const seed = await openPglite({ dir: env.SEMAFOR_DB_DIR });
await seed.db
  .insert(organisations)
  .values({ id: E2E_ADMIN.org, type: 'region', name: 'Gävleborgs län', regionId: E2E_ADMIN.org });
await seed.close();
const created = spawnSync(
  process.execPath,
  [
    path.join(root, 'bin', 'semafor.js'),
    'users',
    'create-admin',
    '--email',
    E2E_ADMIN.email,
    '--name',
    E2E_ADMIN.name,
    '--org',
    E2E_ADMIN.org,
    '--password-stdin',
    '--json',
  ],
  { cwd: root, env, input: `${E2E_ADMIN.password}\n`, encoding: 'utf8' },
);
if (created.status !== 0) {
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`e2e: semafor users create-admin failed (${created.status}): ${created.stderr}`);
}

const child = spawn(process.execPath, [path.join(root, 'bin', 'semafor.js'), 'serve'], {
  cwd: root,
  stdio: 'inherit',
  env,
});

// The signal reaches the whole process group; wait for the server to close its database, then clean up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
child.on('exit', (code, signal) => {
  rmSync(dir, { recursive: true, force: true });
  smtp.close();
  rmSync(mailDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
