import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Where page screenshots are kept for the documentation (README shows start.png). */
export const screenshotDir = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** Saves a screenshot (full page unless said otherwise) to docs/screenshots/<name>.png once the page has settled. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  // Wait for web fonts and for no loading indicator to remain.
  await page.evaluate(() => document.fonts.ready);
  await page.locator('.loading').first().waitFor({ state: 'detached' });
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage: options.fullPage ?? true,
    animations: 'disabled',
  });
}

/** Puts the UI in a language by writing the remembered choice before the app starts. */
export async function rememberLanguage(page: Page, language: 'sv' | 'en'): Promise<void> {
  await page.addInitScript((lang) => window.localStorage.setItem('semafor.language', lang), language);
}
