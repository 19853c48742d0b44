import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { E2E_ADMIN } from './accounts-fixture.js';

/** Education gaps on the real data: gap page (table, map) → occupation page (education block) → evidence pack. */

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, label).toEqual([]);
}

test.describe('education gaps', () => {
  test('gap page → occupation → YH evidence pack (PDF)', async ({ page }) => {
    await page.goto('/utbildning/gap?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utbildningsgap');
    const table = page.getByRole('table');
    const rows = table.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    // The map of the first gap occupation: one area per municipality of Gävleborg.
    await expect(page.locator('svg.area-map path.area-map-area')).toHaveCount(10);
    await expectNoSeriousViolations(page, 'gap page');

    const first = rows.first().getByRole('rowheader').getByRole('link');
    const name = (await first.textContent()) ?? '';
    await first.click();
    await expect(page).toHaveURL(/\/yrken\/\d{4}\?geo=county%3A21|\/yrken\/\d{4}\?geo=county:21/);
    await expect(page.getByRole('heading', { level: 2, name: 'Utbildning' })).toBeVisible();
    const pdfLink = page.getByRole('link', { name: `Ladda ner YH-underlag (PDF): ${name}` });
    await expect(pdfLink).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const file = await download.path();
    const bytes = new Uint8Array(await readFile(file));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    // PDF text breaks long names over lines: compare with whitespace collapsed.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Arbetsmarknadsunderlag för YH-ansökan');
    expect(flat).toContain(name.trim().replace(/\s+/g, ' '));
    // Words, not codes: indicators by their method label, no raw indicator kinds.
    expect(flat).not.toMatch(/\baf_index_1y\b|\bemployment_change\b|\bexam_invigilation\b/);
  });

  test('YH page lists prioritised occupations against the 2024 round', async ({ page }) => {
    await page.goto('/utbildning/yh?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/ansökningsomgången 2024/);
    await expect(page.getByText(/ansökningar i regionen/)).toBeVisible();
    await expectNoSeriousViolations(page, 'yh page');
  });
  test('imports local offers from the template on a phone: preview with errors → title review → confirm', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/logga-in?returnTo=${encodeURIComponent('/utbildning/import')}`);
    await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
    await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importera utbildningar');
    const template = await page.request.get('/api/education/offers/template?format=csv');
    const [headings] = (await template.text()).replace(/^\uFEFF/, '').split('\r\n');
    const csv = (...rows: string[]) => Buffer.from(`${[headings, ...rows].join('\r\n')}\r\n`);
    const input = page.getByLabel('Fil att importera (.xlsx eller .csv)');

    // A file with a municipality outside the region: the preview names file, row and column; nothing to confirm.
    await input.setInputFiles({
      name: 'utbud.csv',
      mimeType: 'text/csv',
      buffer: csv('E2E Vux;Svets E2E;yrkesvux;;7212;;0180;;;;12;öppen'),
    });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('utbud.csv, rad 2, kolumn Kommun');
    await expect(page.getByRole('button', { name: /Importera/ })).toBeDisabled();
    await expectNoSeriousViolations(page, 'import preview with errors');

    // Corrected, with a title nobody knows: choose the occupation, check again, confirm.
    await input.setInputFiles({
      name: 'utbud.csv',
      mimeType: 'text/csv',
      buffer: csv(
        'E2E Vux;Svets E2E;yrkesvux;;7212;;Gävle;;;;12;öppen',
        'E2E Vux;Qwzxv E2E;komvux;;;Qwzxv;2180;;;;;planerad',
      ),
    });
    const choice = page.getByLabel(/”Qwzxv” \(rad 3\)/);
    await expect(choice).toBeVisible();
    await choice.fill('7212');
    await page.getByRole('button', { name: 'Kontrollera igen med valen' }).click();
    const confirm = page.getByRole('button', { name: 'Importera 2 utbildningar' });
    await expect(confirm).toBeEnabled();
    await expect(page.getByRole('table')).toContainText('Svets E2E');
    await confirm.click();
    await expect(page.getByRole('status')).toContainText('Importerat: 2 nya');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const offers = await page.request.get('/api/education/offers?geo=municipality:2180&ssyk=7212');
    const names = ((await offers.json()).offers as Array<{ name: string }>).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Svets E2E', 'Qwzxv E2E']));
  });
});
