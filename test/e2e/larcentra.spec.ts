import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from './accounts-fixture.js';
import { rememberLanguage, saveScreenshot } from './helpers.js';

/** Learning-centre pages on the real list: map + list, a service filter, keyboard use of the map, reach, axe. */

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, label).toEqual([]);
}

test.describe('learning centres', () => {
  test('lists Gävleborg on a map and in a table, filters by service, and the map works with the keyboard', async ({
    page,
  }) => {
    await page.goto('/larcentra?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lärcentra');
    await expect(page).toHaveTitle('Lärcentra – Semafor');
    await expect(page.getByRole('heading', { level: 2, name: /Lärcentra i Gävleborgs län/ })).toContainText(
      '6 lärcentra',
    );
    const table = page.getByRole('table', { name: /Lärcentra i Gävleborgs län/ });
    await expect(table.locator('tbody tr')).toHaveCount(6);
    await expect(page.getByLabel('Område')).toHaveValue('county:21');

    // The map: boundaries of the 10 municipalities and one link per centre with a position.
    const map = page.locator('svg.area-map');
    await expect(map).toBeVisible();
    await expect(map.locator('path.area-map-area')).toHaveCount(10);
    const points = map.getByRole('link');
    await expect(points).toHaveCount(6);
    await expect(points.filter({ hasText: /Lärcentrum Sandviken/ })).toHaveCount(1);
    await saveScreenshot(page, 'larcentra', { fullPage: false });

    // Service filter: exam invigilation leaves Gävle and Sandviken, in the list, the count and on the map.
    await page.getByRole('checkbox', { name: 'Tentamen med skrivvakt' }).check();
    await expect(page).toHaveURL(/service=exam_invigilation/);
    await expect(page.getByRole('status').filter({ hasText: 'lärcentra' })).toHaveText('2 lärcentra');
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tbody th')).toHaveText([/Lärcentrum i Gävle/, 'Lärcentrum Sandviken']);
    await expect(points).toHaveCount(2);
    // The filter is in the URL: a reload keeps it.
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Tentamen med skrivvakt' })).toBeChecked();
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(points).toHaveCount(2);

    // Keyboard: Tab moves from the filters into the map's points; Enter opens the centre.
    await page.getByRole('link', { name: 'Rensa filter' }).focus();
    let reached = false;
    for (let i = 0; i < 5 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('svg.area-map') !== null);
    }
    expect(reached, 'a map point receives focus with Tab').toBe(true);
    const focusedName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focusedName).toMatch(/, (Gävle|Sandviken)$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/larcentra\/(larcentrum-i-gavle|larcentrum-sandviken)/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      focusedName.replace(/, (Gävle|Sandviken)$/, ''),
    );
  });

  test('shows one centre with its facts, source and map', async ({ page }) => {
    await page.goto('/larcentra/larcentrum-i-gavle-utbildningscentrum-for-distansstudier?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Lärcentrum i Gävle (Utbildningscentrum för distansstudier)',
    );
    const facts = page.locator('dl.facts');
    await expect(facts).toContainText('Gävle kommun');
    await expect(facts).toContainText('Tentamen med skrivvakt');
    await expect(facts.getByRole('link', { name: 'larcentrum@gavle.se' })).toHaveAttribute(
      'href',
      'mailto:larcentrum@gavle.se',
    );
    await expect(facts).toContainText('Medlem i Nitus');
    await expect(page.locator('svg.area-map').getByRole('link')).toHaveCount(1);
    await page.getByRole('link', { name: 'Alla lärcentra' }).click();
    await expect(page).toHaveURL(/\/larcentra\?geo=county(%3A|:)21$/);
  });

  test('shows the reach of Gävleborg as a map and a table with flags', async ({ page }) => {
    await page.goto('/larcentra/tackning?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lärcentra: täckning');
    const table = page.getByRole('table', { name: /Täckning per kommun i Gävleborgs län/ });
    await expect(table.locator('tbody tr')).toHaveCount(10);
    await expect(table.locator('tr[data-municipality="2121"]')).toContainText('Inget lärcentrum inom 30 km');
    await expect(table.locator('tr[data-municipality="2180"]')).not.toContainText(
      'Inget lärcentrum inom 30 km',
    );
    await expect(table.locator('tfoot')).toContainText('Hela Gävleborgs län');
    await expect(page.locator('svg.area-map path.area-map-area')).toHaveCount(10);
    await expect(page.locator('svg.area-map path.area-map-hatched')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 2, name: 'Metod och källor' })).toBeVisible();
    await saveScreenshot(page, 'larcentra-tackning', { fullPage: false });

    // JobTech places as points: the method text changes with the choice, and the URL keeps it.
    await page.getByRole('radio', { name: /JobTech-orter/ }).check();
    await expect(page).toHaveURL(/points=places/);
    await expect(page.getByText(/fördelas lika på orterna/)).toBeVisible();
  });

  test('works in English', async ({ page }) => {
    await rememberLanguage(page, 'en');
    await page.goto('/larcentra?geo=county:21&service=exam_invigilation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learning centres');
    await expect(page.getByRole('checkbox', { name: 'Exam invigilation' })).toBeChecked();
    await expect(
      page.getByRole('table', { name: /Learning centres in Gävleborgs län/ }).locator('tbody tr'),
    ).toHaveCount(2);
    await page.goto('/larcentra/tackning?geo=county:21');
    await expect(page.getByRole('columnheader', { name: 'Within 30 km' })).toBeVisible();
  });

  for (const language of ['sv', 'en'] as const) {
    test(`axe finds no serious or critical violation on the learning-centre pages (${language})`, async ({
      page,
    }) => {
      await rememberLanguage(page, language);
      for (const path of [
        '/larcentra?geo=county:21&service=exam_invigilation',
        '/larcentra/tackning?geo=county:21',
        '/larcentra/larcentrum-sandviken?geo=county:21',
        '/larcentra/finns-inte',
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        for (const viewport of [
          { width: 1280, height: 800 },
          { width: 375, height: 740 },
        ]) {
          await page.setViewportSize(viewport);
          await expectNoSeriousViolations(page, `${path} at ${viewport.width}px (${language})`);
        }
      }
    });
  }
});

/**
 * Learners (issue 14): the region's admin invites the staff of Lärcentrum Sandviken (API); on a phone the staff
 * record a learner with consent and an occupation chosen by name, mark the studies completed, see the centre's
 * KPIs and download the grant report; the region's view of the same KPIs is suppressed below 3.
 */
test('centre staff on a phone record a learner with consent; KPIs and the grant report follow', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL as string;
  const centre = 'larcentrum-sandviken';
  const staff = { email: 'lina.e2e@sandviken.example', password: 'lärcentrets-långa-lösen-9' };
  const admin = await browser.newContext();
  const login = await admin.request.post('/api/auth/login', {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
    headers: { origin },
  });
  expect(login.status(), await login.text()).toBe(200);
  const invited = await admin.request.post('/api/admin/users', {
    data: { email: staff.email, role: 'larcentrum', organisationId: `learning_centre:${centre}` },
    headers: { origin },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = (await (await admin.request.get('/api/admin/outbox')).json()) as {
    messages: Array<{ to: string; body: string }>;
  };
  const token = outbox.messages.find((m) => m.to === staff.email)?.body.match(/inbjudan=([\w-]+)/)?.[1];
  expect(token).toBeTruthy();

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const accepted = await context.request.post('/api/auth/invitation', {
    data: { token, password: staff.password, name: 'Lina Lärcentrum' },
    headers: { origin },
  });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);

  await page.goto('/larcentrum');
  await expect(page.getByRole('heading', { level: 2, name: 'Deltagare' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Ny deltagare' });
  await form.getByLabel('Namn').fill('Sara Studerande');
  await form.getByLabel('Studieform').selectOption('yh');
  await form.getByLabel('Utbildning eller kurs').fill('Undersköterska, YH');
  await form.getByRole('combobox', { name: /Yrken/ }).fill('undersköterska');
  await page
    .getByRole('option', { name: /Undersköterskor/ })
    .first()
    .click();
  await form.getByLabel('Anordnare').fill('Hermods');
  await form.getByLabel('Hemkommun').selectOption('2181');
  await form.getByLabel('Kön').selectOption('woman');
  // Without consent nothing is stored: the browser refuses nothing, the API answers in Swedish.
  await form.getByRole('button', { name: 'Registrera deltagaren' }).click();
  await expect(form.getByRole('alert')).toContainText('samtycke');
  await form.getByLabel('Deltagaren har godkänt texten ovan').check();
  await form.getByRole('button', { name: 'Registrera deltagaren' }).click();
  const card = page.getByRole('article', { name: 'Sara Studerande' });
  await expect(card).toContainText('Undersköterskor');
  await card.getByLabel('Hur gick studierna?').selectOption('completed');
  await card.getByRole('button', { name: 'Spara' }).click();
  await expect(card.getByLabel('Hur gick studierna?')).toHaveValue('completed');

  const kpis = page.getByTestId('learner-kpis');
  await expect(kpis.locator('tbody tr').first()).toContainText('Totalt');
  await expect(kpis.locator('tbody tr').first().locator('td').first()).toHaveText('1');

  await expectNoSeriousViolations(page, '/larcentrum at 390px');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, '/larcentrum wider than the phone').toBeLessThanOrEqual(1);
  await saveScreenshot(page, 'larcentrum-deltagare', { fullPage: false });

  // Visit counts from the centre's own sheet: a bad row is named by row and column and nothing is saved; the
  // corrected file is checked, then saved.
  const lastYear = new Date().getFullYear() - 1;
  const visitsFile = page.getByLabel('Fil med besök (.csv eller .xlsx)');
  const sheet = (rows: string) => ({
    name: 'besok.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Månad;Besök\n${rows}`),
  });
  await visitsFile.setInputFiles(sheet(`${lastYear}-10;12\noktober;30\n`));
  await expect(page.getByRole('alert').filter({ hasText: 'inget har sparats' })).toContainText(
    'besok.csv, rad 3, kolumn ”Månad”',
  );
  await visitsFile.setInputFiles(sheet(`${lastYear}-10;12\n${lastYear}-11;1 030\n`));
  await expect(page.getByText('besok.csv: 2 rader, 1 042 besök.')).toBeVisible();
  await page.getByRole('button', { name: 'Spara besöken från filen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sparat: 2 rader' })).toBeVisible();

  // The learner settings, linked from the learners: defaults shown, a window that does not fit refused before
  // sending, a save, and a 409 when someone else saved in between.
  await page.getByRole('link', { name: 'Inställningar för uppföljning och gallring' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar för deltagare' })).toBeVisible();
  const linkDays = page.getByLabel('Enkätlänken gäller (dagar)');
  await expect(linkDays).toHaveValue('30');
  await expect(page.getByText('Standard: 30. Ett heltal från 1 till 90 dagar.')).toBeVisible();
  await page.getByLabel('Enkäten skickas senast (månader efter avslut)').fill('4');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enkäten måste' })).toBeVisible();
  await page.getByLabel('Enkäten skickas senast (månader efter avslut)').fill('12');
  await linkDays.fill('45');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' })).toBeVisible();
  await expectNoSeriousViolations(page, '/larcentrum/installningar at 390px');
  const settingsOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(settingsOverflow, 'settings wider than the phone').toBeLessThanOrEqual(1);
  const other = await context.request.put(`/api/learning-centres/${centre}/learner-settings`, {
    data: { version: 1, surveyLinkDays: 60 },
    headers: { origin },
  });
  expect(other.status(), await other.text()).toBe(200);
  await linkDays.fill('50');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Någon annan har sparat' })).toBeVisible();
  await page.getByRole('button', { name: 'Läs in inställningarna igen' }).click();
  await expect(linkDays).toHaveValue('60');

  const year = new Date().getFullYear();
  const report = await context.request.get(
    `/api/learning-centres/${centre}/grant-report?year=${year}&format=xlsx`,
  );
  expect(report.status()).toBe(200);
  expect((await report.body()).subarray(0, 2).toString()).toBe('PK');
  // The region sees the same figures suppressed: one learner is "fewer than 3".
  const region = await admin.request.get(`/api/learning-centres/${centre}/learner-kpis?year=${year}`);
  const total = ((await region.json()) as { rows: Array<{ measures: { learners: number | null } }> }).rows[0];
  expect(total?.measures.learners).toBeNull();
  await admin.close();
  await context.close();
});
