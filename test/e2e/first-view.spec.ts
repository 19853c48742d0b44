import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/**
 * The first view does not wait for the bundle (issue 15, docs/adr/0004-first-view.md): with JavaScript off, the
 * HTML the server sends for an app route already shows the site's name, a heading and a readable summary; for the
 * data pages the server fills in the page's own heading, area, round and summary.
 */
const PAGES = [
  {
    url: '/',
    heading: 'Semafor – signaler för kompetensförsörjning',
    title: 'Semafor',
    summary: ['brist, balans eller överskott'],
  },
  {
    url: '/signaler?geo=county:21',
    heading: 'Signaler för Gävleborgs län',
    title: 'Signaler för Gävleborgs län – Semafor',
    summary: [
      /Dataomgång: .+, referensdatum \d+ \w+ \d{4}\./,
      /Visar \d+ av \d+ yrken\. Bland dem: \d+ brist/,
    ],
  },
  {
    url: '/yrken/7114?geo=county:21',
    heading: 'Anläggningsarbetare i Gävleborgs län',
    title: 'Anläggningsarbetare i Gävleborgs län – Semafor',
    summary: ['SSYK 7114 · Bygg och anläggning', /Dataomgång: /, /Sammanfattning: (Brist|Balans|Överskott)/],
  },
  {
    url: '/larcentra/tackning?geo=county:21',
    heading: 'Lärcentra: täckning',
    title: 'Täckning – Lärcentra – Semafor',
    summary: ['Hur långt invånarna har till närmaste lärcentrum'],
  },
];

test.describe('first view without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const { url, heading, summary } of PAGES) {
    test(`${url} shows a heading and a summary from HTML`, async ({ page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      for (const text of summary) await expect(page.locator('main')).toContainText(text);
      await expect(page.getByRole('status')).toHaveText(/Laddar/);
      // Styled by the linked stylesheet, not by the script: the header has its layout's background.
      const headerBackground = await page
        .locator('.site-header')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(headerBackground).not.toBe('rgba(0, 0, 0, 0)');
    });
  }
});

test.describe('first view before the app starts', () => {
  for (const { url, heading, title } of PAGES) {
    test(`${url}: the server's HTML is axe-clean and the app keeps its heading`, async ({ page }) => {
      // Hold the app's code back: what is on screen is the server's HTML, as a phone shows it while it loads.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/assets/index-*.js', async (route) => {
        await held;
        await route.continue();
      });
      // Not 'load' nor 'domcontentloaded': both wait for the held module script.
      await page.goto(url, { waitUntil: 'commit' });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      expect(await page.title()).toBe(title);
      release();
      // The app takes over with the same heading (it waits for the route's code and first data before it
      // replaces the HTML, so no generic loading screen comes between).
      await expect(page.locator('main h1')).toHaveText(heading);
      await expect(page.locator('.site-footer, footer')).toHaveCount(1, { timeout: 30_000 });
    });
  }
});
