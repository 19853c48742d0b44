import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { rememberLanguage } from './helpers.js';

/** Every page of the shell, in both languages, on a wide and a narrow screen. */
const pages = ['/', '/data', '/signaler?geo=county:21', '/karta', '/larcentra', '/finns-inte'];

for (const language of ['sv', 'en'] as const) {
  for (const path of pages) {
    test(`axe finds no serious or critical violation on ${path} (${language})`, async ({ page }) => {
      await rememberLanguage(page, language);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.loading')).toHaveCount(0);

      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 375, height: 740 },
      ]) {
        await page.setViewportSize(viewport);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
        expect(serious, `${path} at ${viewport.width}px`).toEqual([]);
      }
    });
  }
}
