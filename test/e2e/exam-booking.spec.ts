import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { saveScreenshot } from './helpers.js';

/**
 * Exam invigilation in the browser (issue 14): a learning centre's staff publish sessions, a student books a seat
 * on a phone-sized screen (the form says what blocks a booking before it is sent), the staff confirm, and the
 * student's confirmation with the calendar file arrives at an SMTP server.
 *
 * The shared e2e server has no SMTP server (the account specs read invitations from the outbox), so this spec runs
 * its own `semafor serve` on the small fixture data set (test/fixtures/data), with SMTP_URL pointing at an
 * smtp-server on loopback. Before it starts, the real CLI imports the fixtures and creates the centre's staff
 * account (`users create-admin --role larcentrum --org learning_centre:<id>`), as an operator would.
 */

test.describe.configure({ mode: 'serial' });

const root = path.resolve(import.meta.dirname, '..', '..');
const CENTRE = 'larcentrum-i-ljusdal-namn-ej-angivet';
const STAFF = { email: 'skrivvakt.e2e@ljusdal.example', password: 'lärcentrets-långa-lösen-3' };
const STUDENT = 'stina.e2e@student.example';

const mails: string[] = [];
let smtp: SMTPServer;
let server: ChildProcess;
let dir: string;
let base: string;

function cli(args: string[], env: NodeJS.ProcessEnv, input?: string): string {
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'semafor.js'), ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`semafor ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => {
        data += c.toString();
      });
      stream.on('end', () => {
        mails.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;

  dir = mkdtempSync(path.join(tmpdir(), 'semafor-e2e-exam-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    SEMAFOR_DB_DIR: path.join(dir, 'db'),
    SEMAFOR_DATA_DIR: path.join(root, 'test', 'fixtures', 'data'),
    // The fixture set is a deliberately small slice of the real files.
    SEMAFOR_IMPORT_PARTIAL: '1',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Semafor <noreply@semafor.test>',
    SEMAFOR_PUBLIC_URL: base,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  cli(['import', '--json'], env);
  cli(
    [
      'users',
      'create-admin',
      '--email',
      STAFF.email,
      '--name',
      'Lena Lärcentrum',
      '--org',
      `learning_centre:${CENTRE}`,
      '--role',
      'larcentrum',
      '--password-stdin',
      '--json',
    ],
    env,
    `${STAFF.password}\n`,
  );
  server = spawn(process.execPath, [path.join(root, 'bin', 'semafor.js'), 'serve'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('exam-booking e2e: the server did not start');
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The Swedish calendar date `days` days from now. */
const swedishDate = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

async function expectAccessible(page: Page, label: string): Promise<void> {
  await expect(page.locator('.loading')).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, label).toEqual([]);
  const tooWide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(tooWide, `${label}: wider than the screen`).toBe(false);
}

async function signInStaff(page: Page): Promise<void> {
  await page.goto(`${base}/logga-in?returnTo=${encodeURIComponent('/larcentrum')}`);
  await page.getByLabel('E-postadress').fill(STAFF.email);
  await page.getByLabel('Lösenord').fill(STAFF.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/larcentrum$/);
}

test('staff publish two sessions on /larcentrum', async ({ page }) => {
  await signInStaff(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Lärcentrum' })).toBeVisible();
  await expect(page.getByText('Inga bokningar väntar.')).toBeVisible();
  for (const [days, room] of [
    [2, 'Sal Snart'],
    [30, 'Sal 1'],
  ] as const) {
    const sessionForm = page.getByRole('form', { name: 'Nytt tillfälle' });
    await sessionForm.getByLabel('Datum', { exact: true }).fill(swedishDate(days));
    await sessionForm.getByLabel('Rum', { exact: true }).fill(room);
    await sessionForm.getByLabel('Antal platser').fill('4');
    await sessionForm.getByRole('button', { name: 'Publicera tillfället' }).click();
    await expect(page.getByRole('status')).toContainText('Tillfället är publicerat.');
    await expect(page.locator('.session-list')).toContainText(room);
  }
  await expectAccessible(page, '/larcentrum');
});

test('a student books on a phone: the blocking rule shows before sending, then the booking goes through', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`${base}/larcentra/${CENTRE}/tentamen`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Boka skrivplats för tentamen');
  await expect(page.getByText('Boka senast 7 arbetsdagar före tentamen.')).toBeVisible();

  // The session in two days is too close: the form says so, in words, before anything is sent.
  await page.getByRole('radio', { name: /Sal Snart/ }).check();
  const verdict = page.getByTestId('booking-check');
  await expect(verdict).toContainText('Det här hindrar bokningen:');
  await expect(verdict.locator('[data-code="too_late"]')).toContainText(
    'Du behöver boka minst 7 arbetsdagar före tentamen',
  );
  await expectAccessible(page, '/larcentra/…/tentamen at 390 px with a blocking rule');

  await page.getByRole('radio', { name: /Sal 1/ }).check();
  await expect(verdict.locator('[data-code="too_late"]')).toHaveCount(0);
  await page.getByLabel('Namn', { exact: true }).fill('Stina Student');
  await page.getByLabel('E-postadress').fill(STUDENT);
  await page.getByLabel('Kommun där du är folkbokförd').selectOption('2161');
  await expect(page.getByTestId('booking-fee')).toHaveText('Skrivningen är avgiftsfri för dig.');
  await page.getByLabel('Lärosäte eller YH-anordnare').fill('Mittuniversitetet');
  await page.getByLabel('Kurskod', { exact: true }).fill('EN123A');
  await page.getByLabel('Kursens namn').fill('Engelska A');
  await page.getByLabel('Förlängd skrivtid').check();
  // Keyboard: the consent box is reached and ticked without a pointer, the form sent with Enter.
  await page.getByLabel('Jag godkänner att uppgifterna sparas för bokningen').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Jag godkänner att uppgifterna sparas för bokningen')).toBeChecked();
  await saveScreenshot(page, 'tentamen-bokning-mobil');
  await page.getByRole('button', { name: 'Skicka bokningen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('booking-done')).toContainText('Vi har tagit emot din bokning.');
  await expect(page.getByTestId('booking-done')).toBeFocused();
  await expectAccessible(page, 'booking done at 390 px');
  await context.close();
});

test('staff confirm; the student’s message with the calendar file arrives over SMTP', async ({ page }) => {
  await signInStaff(page);
  const card = page.locator(`article[data-booking="${STUDENT}"]`);
  await expect(card).toContainText('Väntar');
  await expect(card).toContainText('Förlängd skrivtid');
  await expectAccessible(page, '/larcentrum with a booking');
  await card.getByRole('button', { name: /Bekräfta/ }).click();
  await expect(card).toContainText('Bekräftad');
  await expect(page.getByText('Inga bokningar väntar.')).toBeVisible();

  await expect
    .poll(
      () =>
        mails.find((m) => m.includes(STUDENT) && /Subject: .*Bekr/.test(m.replace(/=\?UTF-8\?Q\?/gi, ''))),
      {
        timeout: 20_000,
      },
    )
    .toBeTruthy();
  const mail = mails.find((m) => m.includes(STUDENT) && m.includes('text/calendar')) ?? '';
  expect(mail).toContain('tentamen.ics');
  // The calendar part: decode it whatever transfer encoding nodemailer chose.
  const part = mail.split(/\r?\n--/).find((p) => p.includes('text/calendar')) ?? '';
  const [head, ...bodyLines] = part.split(/\r?\n\r?\n/);
  const body = bodyLines.join('\n\n');
  const ics = /base64/i.test(head ?? '')
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : body;
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics.replace(/=\r?\n/g, '')).toMatch(/LOCATION:.*Sal 1/);
  const text = mail.split(/\r?\n--/).find((p) => p.includes('text/plain')) ?? '';
  expect(text).toContain('tentamensexpedition');
});

test('staff edit their centre in the registry; the public page shows it', async ({ page }) => {
  await signInStaff(page);
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Uppgifter om lärcentret' }) });
  await form.getByLabel('Öppettider', { exact: true }).fill('mån–tor 8–20, fre 8–16');
  await form.getByLabel('Öppet kvällar').selectOption('yes');
  await form.getByLabel('Tentamen med skrivvakt').check();
  await form.getByRole('button', { name: 'Spara uppgifterna' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgifterna är sparade.');
  await page.goto(`${base}/larcentra/${CENTRE}`);
  await expect(page.getByText('mån–tor 8–20, fre 8–16')).toBeVisible();
  await expect(page.getByText('Tentamen med skrivvakt')).toBeVisible();
});

test('staff log a 3M activity and see the summary per quarter and role', async ({ page }) => {
  await signInStaff(page);
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ny aktivitet' }) });
  await form.getByLabel('Roll').selectOption('maklare');
  await form.getByLabel('Typ av aktivitet').fill('Företagsbesök');
  await form.getByLabel('Deltagare').fill('4');
  await form
    .getByLabel('Samarbetspartner (organisationer, kommaseparerade)')
    .fill('Ljusdals Energi, Arbetsförmedlingen');
  await form.getByRole('button', { name: 'Spara aktiviteten' }).click();
  const summary = page.getByTestId('activity-summary');
  await expect(summary.getByRole('row', { name: /Mäklare/ })).toContainText('4');
  await expectAccessible(page, '/larcentrum with the activity log');
});
