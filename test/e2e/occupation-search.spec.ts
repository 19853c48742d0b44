import { expect, test } from '@playwright/test';

/**
 * Occupation search by JobTech occupation names and synonyms in the existing pages (GET /api/occupations/search
 * behind them), on a phone-sized screen: a word that is in no SSYK label finds its group.
 */
test.use({ viewport: { width: 390, height: 844 } });

test.describe('occupation search by names and synonyms', () => {
  test('the map finds "busschaufför" (no label says it) and opens Buss- och spårvagnsförare', async ({
    page,
  }) => {
    await page.goto('/karta');
    const picker = page.getByRole('combobox', { name: 'Yrke' });
    await picker.fill('busschaufför');
    const option = page.getByRole('listbox', { name: 'Yrke' }).getByRole('option').first();
    await expect(option).toContainText('Buss- och spårvagnsförare');
    await expect(option).toContainText('Bussförare');
    await picker.press('Enter');
    await expect(page).toHaveURL(/ssyk=(8331|%228331%22)/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('the overview filter keeps the groups a JobTech keyword names ("chaffis")', async ({ page }) => {
    await page.goto('/signaler?geo=county:21&q=chaffis');
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: 'Taxiförare m.fl.' }).first()).toBeVisible();
    await expect(main.getByRole('link', { name: 'Lastbilsförare m.fl.' }).first()).toBeVisible();
    await expect(main.getByRole('link', { name: 'Grundutbildade sjuksköterskor' })).toHaveCount(0);
  });
});
