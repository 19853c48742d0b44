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

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // The machine has 2 shared cores; one worker keeps timings stable.
  workers: 1,
  fullyParallel: false,
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
