import { expect, test } from '@playwright/test';

/**
 * The first view does not wait for the bundle (issue 15, docs/adr/0004-first-view.md): with JavaScript off, the
 * HTML the server sends for an app route already shows the site's name, a heading and a readable summary.
 */
test.describe('first view without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const url of ['/', '/signaler?geo=county:21', '/yrken/7114?geo=county:21']) {
    test(`${url} shows a heading and a summary from HTML`, async ({ page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Semafor – signaler för kompetensförsörjning',
      );
      await expect(page.locator('main .lead')).toContainText('brist, balans eller överskott');
      await expect(page.getByRole('status')).toHaveText(/Laddar/);
      // Styled by the linked stylesheet, not by the script: the header has its layout's background.
      const headerBackground = await page
        .locator('.site-header')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(headerBackground).not.toBe('rgba(0, 0, 0, 0)');
    });
  }
});
