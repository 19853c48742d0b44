import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (/usr/bin/chromium, installed with apt; Playwright never downloads browsers)
 * against the built app served by `semafor serve` on 127.0.0.1 with the real open data imported into a fresh
 * temporary database (test/e2e/server.ts).
 */
/**
 * A loopback port that was free a moment ago, asked from a child Node process because the config is evaluated
 * synchronously. Kept in SEMAFOR_E2E_PORT so the worker processes, which evaluate this file again and inherit
 * the environment, use the same port (and so an app already running on some fixed port cannot break `npm test`).
 */
function freePort(): number {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
process.env.SEMAFOR_E2E_PORT ||= String(freePort());
const port = Number(process.env.SEMAFOR_E2E_PORT);
// Where the e2e server's loopback SMTP server leaves the mail it receives (test/e2e/server.ts, mail.ts); per port, so
// two runs on one machine do not read each other's mail. The server makes it and removes it when it stops.
process.env.SEMAFOR_E2E_MAIL_DIR ||= path.join(tmpdir(), `semafor-e2e-mail-${port}`);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * Specs that only read (no sign-in that changes anything, no saved form, no API write) may run at the same time on
 * the shared server; they run first, on two workers (one browser and the server rarely keep both cores busy). Every
 * other spec writes something others can see (accounts, areas, registry edits, bookings, needs, published lists),
 * so those run after them, one at a time, in file order, as before; so do larcentra and education (staff and local
 * offers are being added to them) and layout-shift (its measurements should not share the CPU with another browser).
 * A spec belongs here only while it writes nothing: adding a write to one of these moves it out of the list. When in
 * doubt leave it out: it then runs serially, which is always safe.
 */
const READ_ONLY_SPECS = [
  'a11y',
  'bundle',
  'csp',
  'first-look',
  'first-view',
  'occupation-search',
  'signals',
  'smoke',
].map((name) => `**/${name}.spec.ts`);

/**
 * Whether spec files were named on the command line (`npx playwright test test/e2e/needs.spec.ts`). Playwright runs
 * ALL tests of a dependency project whatever the filter, so the serial project depends on the read-only one only in
 * a whole run (npm test); a chosen spec then runs alone, as before.
 */
const specsChosen = process.argv
  .slice(process.argv.indexOf('test') + 1)
  .some((arg) => !arg.startsWith('-') && /e2e|spec/.test(arg));

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Two workers on the read-only specs; the writing specs' project is limited to one (below).
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'read-only', testMatch: READ_ONLY_SPECS },
    {
      name: 'writes',
      testIgnore: READ_ONLY_SPECS,
      workers: 1,
      // After the read-only specs, so those see the server as it starts (the state each spec is written against).
      // If a read-only test fails, these are reported as "did not run" (the run has failed already).
      dependencies: specsChosen ? [] : ['read-only'],
    },
  ],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.SEMAFOR_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx test/e2e/server.ts',
    url: `${baseURL}/api/health`,
    // First start: possibly a web build, a new embedded database and the import of all reference data.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEMAFOR_E2E_MAIL_DIR: process.env.SEMAFOR_E2E_MAIL_DIR,
    },
  },
});
