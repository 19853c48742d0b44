import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from './accounts-fixture.js';
import { saveScreenshot } from './helpers.js';
import { receivedMails } from './mail.js';

/**
 * Exam invigilation in the browser (issue 14): a learning centre's staff publish sessions, a student books a seat
 * on a phone-sized screen (the form says what blocks a booking before it is sent), the staff confirm, and the
 * student's confirmation with the calendar file arrives at an SMTP server.
 *
 * Runs on the shared e2e server (server.ts: the real data, mail through its loopback SMTP server, read with
 * `receivedMails`). The region's admin (seeded by server.ts) invites the centre's staff through the API, as the
 * admin page does, and the staff accept the invitation; the first test signs in through the sign-in page, the
 * later ones reuse that session (its cookies) instead of signing in again.
 */

test.describe.configure({ mode: 'serial' });

const CENTRE = 'larcentrum-i-ljusdal-namn-ej-angivet';
const STAFF = {
  email: 'skrivvakt.e2e@ljusdal.example',
  name: 'Lena Lärcentrum',
  password: 'lärcentrets-långa-lösen-3',
};
const STUDENT = 'stina.e2e@student.example';

let staffCookies: Awaited<ReturnType<BrowserContext['cookies']>> = [];

test.beforeAll(async ({ browser, baseURL }) => {
  const origin = baseURL as string;
  const admin = await browser.newContext();
  const signedIn = await admin.request.post('/api/auth/login', {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
    headers: { origin },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const invited = await admin.request.post('/api/admin/users', {
    data: {
      email: STAFF.email,
      name: STAFF.name,
      role: 'larcentrum',
      region: 'county:21',
      organisationId: `learning_centre:${CENTRE}`,
    },
    headers: { origin },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = (await (await admin.request.get('/api/admin/outbox')).json()) as {
    messages: Array<{ to: string; body: string }>;
  };
  const token = outbox.messages.find((m) => m.to === STAFF.email)?.body.match(/inbjudan=([\w-]+)/)?.[1];
  expect(token).toBeTruthy();
  await admin.close();
  const staff = await browser.newContext();
  const accepted = await staff.request.post('/api/auth/invitation', {
    data: { token, password: STAFF.password, name: STAFF.name },
    headers: { origin },
  });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
  await staff.close();
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

/** Signs the staff in through the sign-in page and keeps the session's cookies for the later tests. */
async function signInStaff(page: Page): Promise<void> {
  await page.goto(`/logga-in?returnTo=${encodeURIComponent('/larcentrum')}`);
  await page.getByLabel('E-postadress').fill(STAFF.email);
  await page.getByLabel('Lösenord').fill(STAFF.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/larcentrum$/);
  staffCookies = await page.context().cookies();
}

/** The staff page with the session of the first sign-in (the sign-in page itself is tested once, above). */
async function openAsStaff(page: Page): Promise<void> {
  expect(staffCookies.length, 'the first test signed the staff in').toBeGreaterThan(0);
  await page.context().addCookies(staffCookies);
  await page.goto('/larcentrum');
  await expect(page.getByRole('heading', { level: 1, name: 'Lärcentrum' })).toBeVisible();
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
  await page.goto(`/larcentra/${CENTRE}/tentamen`);
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
  await openAsStaff(page);
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
        receivedMails().find(
          (m) => m.includes(STUDENT) && /Subject: .*Bekr/.test(m.replace(/=\?UTF-8\?Q\?/gi, '')),
        ),
      {
        timeout: 20_000,
      },
    )
    .toBeTruthy();
  const mail = receivedMails().find((m) => m.includes(STUDENT) && m.includes('text/calendar')) ?? '';
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
  await openAsStaff(page);
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Uppgifter om lärcentret' }) });
  await form.getByLabel('Öppettider', { exact: true }).fill('mån–tor 8–20, fre 8–16');
  await form.getByLabel('Öppet kvällar').selectOption('yes');
  await form.getByLabel('Tentamen med skrivvakt').check();
  await form.getByRole('button', { name: 'Spara uppgifterna' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgifterna är sparade.');
  await page.goto(`/larcentra/${CENTRE}`);
  await expect(page.getByText('mån–tor 8–20, fre 8–16')).toBeVisible();
  await expect(page.getByText('Tentamen med skrivvakt')).toBeVisible();

  // And back: the service can be taken away again. This also leaves the shared server's registry as the real data
  // has it, since larcentra.spec.ts counts the county's centres with exam invigilation.
  await page.goto('/larcentrum');
  await form.getByLabel('Tentamen med skrivvakt').uncheck();
  await form.getByRole('button', { name: 'Spara uppgifterna' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgifterna är sparade.');
  await page.goto(`/larcentra/${CENTRE}`);
  await expect(page.getByText('mån–tor 8–20, fre 8–16')).toBeVisible();
  await expect(page.locator('dl.facts')).not.toContainText('Tentamen med skrivvakt');
});

test('staff log a 3M activity and see the summary per quarter and role', async ({ page }) => {
  await openAsStaff(page);
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
