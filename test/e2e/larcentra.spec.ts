import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
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
