import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from './accounts-fixture.js';
import { rememberLanguage, saveScreenshot } from './helpers.js';
import { decodedMail, receivedMails } from './mail.js';

/**
 * Accounts in the browser (issue 10): the admin of county:21 (created by the CLI before the server started, see
 * server.ts) signs in, invites a skills broker and a strategist, reads the invitation links in the outbox (the same
 * links also arrive by e-mail at the e2e server's loopback SMTP server); the broker accepts and signs in but, as the API allows only admin/strateg to edit areas, gets "no right" on
 * the area page, so the strategist creates and edits the region's area (including a stale-version 409). Nobody sees
 * another region's admin pages. Axe runs on every new page at 1280 and 390 px.
 */

test.describe.configure({ mode: 'serial' });

const BROKER = {
  email: 'maklare.e2e@region-gavleborg.example',
  name: 'Bo Mäklare',
  password: 'mäklarens-långa-lösen-1',
};
const STRATEG = {
  email: 'strateg.e2e@region-gavleborg.example',
  name: 'Sara Strateg',
  password: 'strategens-långa-lösen-2',
};
const READER = { email: 'lasare.e2e@region-gavleborg.example' };
const AREA = 'E2E Södra Hälsingland';

const links: Record<string, string> = {};

async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, `${label} at ${viewport.width}px`).toEqual([]);
    // Forms must fit a phone: nothing wider than the screen.
    const wide = await page.evaluate(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth) return [];
      // Elements sticking out of the screen that no scrollable box (e.g. a wide table's) contains.
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          const overflow = getComputedStyle(p).overflowX;
          if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
        }
        return false;
      };
      return [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el))
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`,
        );
    });
    expect(wide, `${label}: wider than the screen at ${viewport.width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(page: Page, email: string, password: string, returnTo?: string): Promise<void> {
  await page.goto(returnTo ? `/logga-in?returnTo=${encodeURIComponent(returnTo)}` : '/logga-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** The invitation link of the newest outbox message to an address (the admin's outbox page). */
async function invitationLinkFor(page: Page, email: string): Promise<string> {
  const message = page.locator(`li[data-to="${email}"]`).first();
  await message.getByText('Visa meddelandet').click();
  const body = (await message.locator('pre').textContent()) ?? '';
  const match = body.match(/https?:\/\/\S+\/logga-in\?inbjudan=\S+/);
  expect(match, body).not.toBeNull();
  return new URL(match![0]).pathname + new URL(match![0]).search;
}

/** Another region's admin pages: a clear "no right" message, and none of that region's data. */
async function expectNoAccessToOtherRegion(page: Page): Promise<void> {
  for (const path of ['/admin/anvandare', '/admin/omraden', '/admin/logg']) {
    await page.goto(`${path}?region=county:01`);
    await expect(page.getByTestId('forbidden')).toContainText('Du saknar behörighet');
    await expect(page.locator('table')).toHaveCount(0);
  }
}

test('anonymous visitors see a sign-in prompt, the sign-in page explains wrong passwords and waits', async ({
  page,
}) => {
  await page.goto('/konto');
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible();
  await expect(page.getByTestId('sign-in-prompt')).toBeVisible();
  // The header offers sign-in (401 from /api/me is the anonymous state, not an error).
  await expect(page.getByRole('banner').getByRole('link', { name: 'Logga in' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  for (const path of ['/admin/anvandare', '/admin/omraden', '/admin/logg']) {
    await page.goto(path);
    await expect(page.getByTestId('sign-in-prompt')).toBeVisible();
  }

  await page.goto('/logga-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  // No identity provider is configured for this server: no SSO link.
  await expect(page.getByRole('link', { name: /SSO/ })).toHaveCount(0);
  // A refused SSO sign-in comes back with a stable code, shown in the app's own words.
  await page.goto('/logga-in?fel=sso_no_account');
  await expect(page.getByTestId('sso-refusal')).toContainText('Det finns inget konto för e-postadressen');
  await page.goto('/logga-in?fel=n%C3%A5got-annat');
  await expect(page.getByTestId('sso-refusal')).toContainText('Inloggningen nekades.');
  await page.goto('/logga-in');
  await expectNoSeriousAxeViolations(page, '/logga-in');
  await saveScreenshot(page, 'logga-in', { fullPage: false });

  // Wrong password: a clear message; after five free failures the account must wait, and is told how long.
  const email = 'finns-inte.e2e@region-gavleborg.example';
  const answers: string[] = [];
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(`fel-lösenord-${attempt}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Logga in' }).click();
    const status = (await answer).status();
    answers.push(String(status));
    if (status === 429) {
      await expect(page.getByRole('alert')).toHaveText(
        /För många misslyckade inloggningar\. Vänta \d+ sekund(er)? och försök sedan igen\./,
      );
      break;
    }
    expect(status).toBe(401);
    await expect(page.getByRole('alert')).toHaveText(/Fel e-postadress eller lösenord/);
  }
  expect(answers.slice(0, 6)).toEqual(['401', '401', '401', '401', '401', '401']);
  expect(answers.at(-1)).toBe('429');
});

test('the sign-in page and the account pages speak English too', async ({ page }) => {
  await rememberLanguage(page, 'en');
  await page.goto('/logga-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toBeVisible();
  await expectNoSeriousAxeViolations(page, '/logga-in (en)');
  await page.goto('/admin/omraden');
  await expect(page.getByRole('heading', { level: 1, name: 'Areas' })).toBeVisible();
  await expect(page.getByTestId('sign-in-prompt')).toContainText('Sign in to see this page');
  await expectNoSeriousAxeViolations(page, '/admin/omraden anonymous (en)');
});

test('the admin signs in, invites a broker and a strategist, and sees only their own region', async ({
  browser,
}) => {
  const { context, page } = await newPerson(browser);
  // After sign-in the admin lands where they were going (a same-origin path).
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, '/admin/anvandare');
  await expect(page).toHaveURL(/\/admin\/anvandare$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: /Ada Admin/ })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await expect(page.locator(`tr[data-user="${E2E_ADMIN.email}"]`)).toContainText('Administratör');

  for (const person of [
    { ...BROKER, role: 'kompetensmaklare' },
    { ...STRATEG, role: 'strateg' },
    { ...READER, name: '', role: 'lasare' },
  ]) {
    await page.getByLabel('E-postadress').fill(person.email);
    await page.getByLabel('Namn', { exact: true }).fill(person.name);
    await page.getByLabel('Roll').selectOption(person.role);
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await expect(page.getByRole('status')).toContainText(
      `Inbjudan till ${person.email} är skickad med e-post`,
    );
    await expect(page.locator(`tr[data-user="${person.email}"]`)).toContainText('Aktiv');
  }
  links.broker = await invitationLinkFor(page, BROKER.email);
  links.strateg = await invitationLinkFor(page, STRATEG.email);
  // The outbox keeps what was sent: the same link reached the SMTP server.
  for (const [email, link] of [
    [BROKER.email, links.broker],
    [STRATEG.email, links.strateg],
  ] as const) {
    const mails = receivedMails()
      .filter((m) => m.includes(`To: ${email}`))
      .map(decodedMail);
    expect(mails, `mail to ${email}`).toHaveLength(1);
    expect(mails[0]).toContain(link);
  }

  // Disabling needs a confirmation in a dialog.
  const reader = page.locator(`tr[data-user="${READER.email}"]`);
  await reader.getByRole('button', { name: `Stäng av ${READER.email}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Stäng av kontot?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stäng av' }).click();
  await expect(reader).toContainText('Avstängd');

  await expectNoSeriousAxeViolations(page, '/admin/anvandare');
  await saveScreenshot(page, 'admin-anvandare');

  await page.goto('/admin/logg');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeVisible();
  await expect(page.locator('table.data-table tbody tr').first()).toBeVisible();
  await expect(page.getByRole('table')).toContainText('user');
  await expect(page.getByRole('table')).toContainText(`Ada Admin (${E2E_ADMIN.email})`);
  // Filters: today (inclusive, the browser's calendar day) has the events, a day long ago has none.
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
  await page.getByLabel('Typ eller typ/id').fill('user');
  await page.getByLabel('Från och med').fill(today);
  await page.getByLabel('Till och med').fill(today);
  await page.getByRole('button', { name: 'Visa' }).click();
  await expect(page).toHaveURL(/entity=user/);
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(5);
  await page.getByLabel('Från och med').fill('2020-01-01');
  await page.getByLabel('Till och med').fill('2020-01-31');
  await page.getByRole('button', { name: 'Visa' }).click();
  await expect(page.getByText('Inga händelser för urvalet.')).toBeVisible();
  await page.goto('/admin/logg');
  await expect(page.getByRole('link', { name: 'Ladda ned som CSV' })).toHaveAttribute('href', /format=csv/);
  const csv = await context.request.get('/api/audit?format=csv');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(BROKER.email.split('@')[0]!.slice(0, 3));
  await expectNoSeriousAxeViolations(page, '/admin/logg');
  await saveScreenshot(page, 'admin-logg');

  await page.goto('/konto');
  await expect(page.getByRole('heading', { level: 2, name: 'Uppgifter', exact: true })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(E2E_ADMIN.email);
  await expect(page.getByRole('main')).toContainText('Gävleborgs län');
  await page.getByLabel('Namn (valfritt)').fill('Rapportverktyg');
  await page.getByRole('radio', { name: 'Läsa', exact: true }).check();
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  const secret = (await page.getByTestId('new-token').locator('code').textContent()) ?? '';
  expect(secret.length).toBeGreaterThan(20);
  // The token works as a bearer credential, and is listed without its secret.
  const me = await context.request.get('/api/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  await expect(page.getByRole('region', { name: 'Mina API-nycklar' })).toContainText('Rapportverktyg');
  await expect(page.getByRole('region', { name: 'Mina API-nycklar' })).not.toContainText(secret);
  await expect(page.getByRole('link', { name: 'Ladda ned mina uppgifter' })).toHaveAttribute(
    'href',
    '/api/me/export',
  );
  await expectNoSeriousAxeViolations(page, '/konto');
  await saveScreenshot(page, 'konto');

  await expectNoAccessToOtherRegion(page);
  await context.close();
});

test('the broker accepts the invitation, signs in, and cannot open admin pages', async ({ browser }) => {
  expect(links.broker).toBeTruthy();
  const { context, page } = await newPerson(browser);
  await page.goto(links.broker!);
  await expect(page.getByRole('heading', { level: 1, name: 'Välj lösenord' })).toBeVisible();
  // The rule is shown before submitting, and a short password is refused in the form.
  await expect(page.getByText('Minst 12 tecken.', { exact: false })).toBeVisible();
  await expectNoSeriousAxeViolations(page, '/logga-in?inbjudan');
  await saveScreenshot(page, 'inbjudan', { fullPage: false });
  await page.getByLabel('Namn').fill(BROKER.name);
  await page.getByLabel('Nytt lösenord').fill('kort');
  await page.getByLabel('Upprepa lösenordet').fill('kort');
  await page.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
  await expect(page.getByRole('alert')).toContainText('för kort');
  await page.getByLabel('Nytt lösenord').fill(BROKER.password);
  await page.getByLabel('Upprepa lösenordet').fill(BROKER.password);
  await page.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
  await expect(page).toHaveURL(/\/konto$/);
  await expect(page.getByRole('main')).toContainText('Kompetensmäklare');

  // The link was single-use.
  const again = await context.request.post('/api/auth/invitation', {
    data: {
      token: new URL(links.broker!, 'http://x').searchParams.get('inbjudan'),
      password: BROKER.password,
    },
  });
  expect(again.status()).toBeGreaterThanOrEqual(400);

  // Sign out, then sign in with the new password.
  await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Logga in' })).toBeVisible();
  await signIn(page, BROKER.email, BROKER.password);
  await expect(page).toHaveURL(/\/konto$/);
  await expect(page.getByRole('banner')).toContainText(BROKER.name);

  // Brokers work in their areas but administer nothing: users, areas (admin/strateg only) and the log are closed.
  for (const path of ['/admin/anvandare', '/admin/omraden', '/admin/logg']) {
    await page.goto(path);
    await expect(page.getByTestId('forbidden')).toContainText('Du saknar behörighet');
    await expect(page.locator('table')).toHaveCount(0);
  }
  await expectNoSeriousAxeViolations(page, 'forbidden page');
  await expectNoAccessToOtherRegion(page);
  await context.close();
});

test('the strategist creates and edits an area of the region; a stale edit is explained', async ({
  browser,
}) => {
  expect(links.strateg).toBeTruthy();
  const { context, page } = await newPerson(browser);
  await page.goto(links.strateg!);
  await page.getByLabel('Namn').fill(STRATEG.name);
  await page.getByLabel('Nytt lösenord').fill(STRATEG.password);
  await page.getByLabel('Upprepa lösenordet').fill(STRATEG.password);
  await page.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
  await expect(page).toHaveURL(/\/konto$/);

  await page.goto('/admin/omraden');
  await expect(page.getByRole('heading', { level: 1, name: 'Områden' })).toBeVisible();
  const create = page.getByRole('region', { name: 'Nytt område' });
  await create.getByLabel('Namn').fill(AREA);
  // The picker offers only the region's municipalities and can be searched.
  await create.getByLabel('Sök kommun').fill('Stockholm');
  await expect(create.getByText('Ingen kommun matchar sökningen.')).toBeVisible();
  for (const name of ['Bollnäs', 'Ovanåker']) {
    await create.getByLabel('Sök kommun').fill(name);
    await create.getByRole('checkbox', { name: new RegExp(name) }).check();
  }
  await create.getByRole('button', { name: 'Skapa området' }).click();
  const card = page.locator('article.area-card', { has: page.getByRole('heading', { name: AREA }) });
  await expect(card).toContainText('Bollnäs');
  await expect(card).toContainText('Ovanåker');
  await expect(card).toContainText('Version 1');

  // Edit: add Söderhamn.
  await card.getByRole('button', { name: `Ändra ${AREA}` }).click();
  await card.getByLabel('Sök kommun').fill('Söderhamn');
  await card.getByRole('checkbox', { name: /Söderhamn/ }).check();
  await card.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(card).toContainText('Söderhamn');
  await expect(card).toContainText('Version 2');

  // A stale version: the strategist opens the form, meanwhile the admin renames the area.
  await card.getByRole('button', { name: `Ändra ${AREA}` }).click();
  const admin = await newPerson(browser);
  await signIn(admin.page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(admin.page).toHaveURL(/\/konto$/);
  const areas = (await (await admin.context.request.get('/api/areas')).json()) as {
    areas: Array<{ id: string; name: string; version: number }>;
  };
  const area = areas.areas.find((a) => a.name === AREA)!;
  const renamed = await admin.context.request.patch(`/api/areas/${area.id}`, {
    data: { version: area.version, name: `${AREA} (nytt namn)` },
    headers: { origin: new URL(admin.page.url()).origin },
  });
  expect(renamed.status()).toBe(200);

  await card.getByLabel('Sök kommun').fill('Gävle');
  await card.getByRole('checkbox', { name: /^Gävle/ }).check();
  await card.getByRole('button', { name: 'Spara ändringarna' }).click();
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toContainText('Någon annan har ändrat området');
  await expect(conflict).toContainText(`Namnet är nu "${AREA} (nytt namn)"`);
  await expectNoSeriousAxeViolations(page, '/admin/omraden (conflict)');
  await conflict.getByRole('button', { name: 'Läs in den nya versionen' }).click();
  const current = page.locator('article.area-card', {
    has: page.getByRole('heading', { name: `${AREA} (nytt namn)` }),
  });
  await expect(current.getByLabel('Namn')).toHaveValue(`${AREA} (nytt namn)`);
  await current.getByLabel('Sök kommun').fill('Gävle');
  await current.getByRole('checkbox', { name: /^Gävle/ }).check();
  await current.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(current).toContainText('Version 4');
  await expect(current).toContainText('Gävle');
  await expectNoSeriousAxeViolations(page, '/admin/omraden');
  await saveScreenshot(page, 'admin-omraden');

  // The admin assigns the broker to the area; the edit is in the region's log.
  await admin.page.goto('/admin/omraden');
  const adminCard = admin.page.locator('article.area-card', {
    has: admin.page.getByRole('heading', { name: `${AREA} (nytt namn)` }),
  });
  await adminCard.getByRole('button', { name: /^Ändra/ }).click();
  await adminCard.getByRole('checkbox', { name: BROKER.name }).check();
  await adminCard.getByRole('button', { name: 'Spara ändringarna' }).click();
  await expect(adminCard).toContainText(`Kompetensmäklare: ${BROKER.name}`);
  await admin.page.goto('/admin/logg?entity=area');
  await expect(admin.page.getByRole('table')).toContainText(area.id);
  await expect(admin.page.getByRole('table').locator('tbody tr')).toHaveCount(5);

  // The strategist administers areas, not users or the log, and never another region's.
  for (const path of ['/admin/anvandare', '/admin/logg']) {
    await page.goto(path);
    await expect(page.getByTestId('forbidden')).toBeVisible();
  }
  await expectNoAccessToOtherRegion(page);
  await admin.context.close();
  await context.close();
});
