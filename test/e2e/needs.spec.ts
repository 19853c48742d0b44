import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from './accounts-fixture.js';
import { saveScreenshot } from './helpers.js';

/**
 * A skills broker's day on a phone (issue 11): the seeded admin of county:21 (server.ts) makes an area around Gävle
 * and invites a broker to it through the API; the broker, at 390 px, records a need heard three weeks ago (so its
 * case is overdue), proposes a solution, gives the employer feedback by e-mail, and the case leaves the overdue
 * list. Axe runs on each page at 390 px.
 */

const BROKER = {
  email: 'behov.maklare.e2e@region-gavleborg.example',
  name: 'Bo Behovsmäklare',
  password: 'e2e-mäklare-behov-2026',
};
const EMPLOYER = {
  organisationNumber: '556016-0680',
  name: 'E2E Svets & Smide AB',
  municipalityCode: '2180',
};
const PHONE = { width: 390, height: 844 };

async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, label).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(1);
}

/** Signs in through the API; cookie-authenticated writes need the app's own Origin (docs/adr/0003-csrf.md). */
async function apiSignIn(request: APIRequestContext, baseURL: string, email: string, password: string) {
  const res = await request.post('/api/auth/login', {
    data: { email, password },
    headers: { origin: baseURL },
  });
  expect(res.status(), await res.text()).toBe(200);
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

test('a broker on a phone records a need, proposes a solution, gives feedback; the case leaves the overdue list', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL as string;
  // Setup as the region's admin, through the API.
  const admin = await browser.newContext();
  await apiSignIn(admin.request, origin, E2E_ADMIN.email, E2E_ADMIN.password);
  const area = await admin.request.post('/api/areas', {
    data: { name: 'E2E Gävle behov', municipalities: ['2180'], region: 'county:21' },
    headers: { origin },
  });
  expect(area.status(), await area.text()).toBe(201);
  const areaId = (await area.json()).id as string;
  const invited = await admin.request.post('/api/admin/users', {
    data: {
      email: BROKER.email,
      name: BROKER.name,
      role: 'kompetensmaklare',
      region: 'county:21',
      areas: [areaId],
    },
    headers: { origin },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = (await (await admin.request.get('/api/admin/outbox')).json()) as {
    messages: Array<{ to: string; body: string }>;
  };
  const link = outbox.messages.find((m) => m.to === BROKER.email)?.body.match(/inbjudan=([\w-]+)/)?.[1];
  expect(link).toBeTruthy();
  const employer = await admin.request.post('/api/employers', {
    data: { ...EMPLOYER, contacts: [{ name: 'Eva Ekonomichef', email: 'eva.e2e@svets.example' }] },
    headers: { origin },
  });
  expect(employer.status(), await employer.text()).toBe(201);
  await admin.close();

  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const accepted = await context.request.post('/api/auth/invitation', {
    data: { token: link, password: BROKER.password, name: BROKER.name },
    headers: { origin },
  });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);

  // Quick entry at 390 px: employer by search, occupation by name, the day of the company visit.
  await page.goto('/maklare/ny');
  await expect(page.getByRole('heading', { level: 1, name: 'Registrera ett behov' })).toBeVisible();
  await page.getByLabel('Sök arbetsgivare').fill('Svets');
  await page.getByRole('button', { name: /E2E Svets & Smide AB/ }).click();
  await page.getByRole('combobox', { name: /Yrken/ }).fill('svetsare');
  await page
    .getByRole('option', { name: /Svetsare och gasskärare/ })
    .first()
    .click();
  await expect(page.getByRole('list', { name: 'Valda yrken' })).toContainText('Svetsare');
  await page.getByLabel('Antal personer').fill('3');
  await page.getByLabel('När behövs de?').selectOption('1y');
  await page.getByLabel('Varför är det svårt att rekrytera?').selectOption('no_applicants');
  await page.getByLabel('Hur kom behovet in?').selectOption('company_visit');
  await page.getByLabel('Datum').fill(isoDaysAgo(30));
  await expectNoSeriousAxeViolations(page, '/maklare/ny');
  await saveScreenshot(page, 'maklare-ny', { fullPage: true });
  await page.getByRole('button', { name: 'Spara behovet' }).click();

  // The case: overdue, said in words.
  await expect(page).toHaveURL(/\/arenden\/[\w-]+$/);
  const caseUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('case-status')).toContainText('Ny');
  await expect(page.getByTestId('case-status')).toContainText('Försenat');

  await page.goto('/maklare');
  const overdue = page.getByTestId('overdue-cases');
  await expect(overdue).toContainText('E2E Svets & Smide AB');
  await expect(overdue).toContainText('Försenad');
  // The map of employers with needs by municipality (the broker's area: Gävle), with the table as its text.
  await expect(page.getByTestId('needs-map')).toBeVisible();
  await expect(page.locator('[data-municipality="2180"]')).not.toHaveAttribute('data-class', 'none');
  await expect(page.getByTestId('municipality-table')).toContainText('Gävle');
  await expectNoSeriousAxeViolations(page, '/maklare');
  await saveScreenshot(page, 'maklare', { fullPage: true });

  // Propose a solution, then give feedback by e-mail.
  await page.goto(caseUrl);
  await page.getByLabel('Typ av lösning').selectOption('new_programme_yrkesvux');
  await page.getByLabel('Beskrivning').fill('Svetsutbildning via regionalt yrkesvux i Gävle');
  await page.getByRole('button', { name: 'Spara och markera som föreslagen' }).click();
  await expect(page.getByTestId('case-status')).toContainText('Lösning föreslagen');
  await expect(page.getByRole('region', { name: 'Lösningar' })).toContainText('Ny utbildning: yrkesvux');
  await page.getByLabel('Text till arbetsgivaren').fill('Yrkesvux startar en svetsutbildning i augusti.');
  await page
    .getByLabel('Skicka med e-post till')
    .selectOption({ label: 'Eva Ekonomichef (eva.e2e@svets.example)' });
  await expectNoSeriousAxeViolations(page, '/arenden/{id}');
  await page.getByRole('button', { name: 'Spara återkopplingen' }).click();
  await expect(page.getByTestId('case-status')).toContainText('Återkopplad');
  await expect(page.getByTestId('feedback-text')).toContainText('svetsutbildning i augusti');

  // The case has left the overdue list.
  await page.goto('/maklare');
  await expect(page.getByTestId('overdue-cases')).toContainText('Inga försenade ärenden');
  await expect(page.getByRole('region', { name: 'Öppna ärenden per status' })).toContainText(
    'E2E Svets & Smide AB',
  );

  // The employer page: contacts and the need's case.
  await page.getByRole('link', { name: 'E2E Svets & Smide AB' }).first().click();
  await page.getByRole('link', { name: 'Till arbetsgivaren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E2E Svets & Smide AB' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kontaktpersoner' })).toContainText('Eva Ekonomichef');
  await expectNoSeriousAxeViolations(page, '/arbetsgivare/{id}');

  // The public occupation page: one employer is below the threshold, so no figure and no name.
  const anonymous = await browser.newPage();
  await anonymous.goto('/yrken/7212?geo=county:21');
  const signals = anonymous.getByTestId('employer-signals');
  await expect(signals).toContainText('Arbetsgivarsignaler: färre än 3 arbetsgivare');
  await expect(anonymous.getByRole('main')).not.toContainText('E2E Svets');
  await anonymous.close();
  await context.close();
});

test('the region imports a broker sheet on a phone: mapping, review of ambiguous titles, confirm', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL as string;
  const context = await browser.newContext({ viewport: PHONE });
  await apiSignIn(context.request, origin, E2E_ADMIN.email, E2E_ADMIN.password);
  const page = await context.newPage();
  const sheet = [
    'Org.nr;Företag;Kommun;Yrke;Antal;Datum',
    '556036-0793;E2E Importverkstad AB;Sandviken;Svetsare;2;2026-09-01',
    '556036-0793;E2E Importverkstad AB;Sandviken;Chaffis;1;2026-09-02',
    '',
  ].join('\n');
  await page.goto('/maklare/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Importera behov från en lista' })).toBeVisible();
  await page
    .getByLabel('Fil (.xlsx eller .csv)')
    .setInputFiles({ name: 'behov.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
  await page.getByRole('button', { name: 'Läs filen' }).click();
  // The mapping proposed from the headers.
  await expect(page.getByLabel('Organisationsnummer (krävs)')).toHaveValue('Org.nr');
  await expect(page.getByLabel('Yrkestitel (krävs)')).toHaveValue('Yrke');
  await page.getByRole('button', { name: 'Kontrollera raderna' }).click();
  // "Chaffis" points at several occupations: choose among the candidates.
  const reviews = page.locator('fieldset[data-title]');
  await expect(reviews.first()).toBeVisible();
  await expect(page.locator('fieldset[data-title="Chaffis"]')).toContainText('tvetydig');
  await expectNoSeriousAxeViolations(page, '/maklare/import (review)');
  await saveScreenshot(page, 'maklare-import', { fullPage: true });
  for (const fieldset of await reviews.all()) await fieldset.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Kontrollera igen med valen' }).click();
  await expect(page.getByTestId('import-ready')).toContainText('2 behov');
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 behov importerade');
  await page.goto('/maklare');
  await expect(page.getByRole('region', { name: 'Öppna ärenden per status' })).toContainText(
    'E2E Importverkstad AB',
  );
  await context.close();
});
