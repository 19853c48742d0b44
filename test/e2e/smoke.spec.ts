import { expect, test } from '@playwright/test';
import type { HealthJson, SourcesJson } from '../../src/web/api.js';
import { rememberLanguage, saveScreenshot } from './helpers.js';

test.describe('web shell', () => {
  test('loads in Swedish with the data status, and switches to English and back', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Semafor – signaler för kompetensförsörjning',
    );
    await expect(page).toHaveTitle('Start – Semafor');

    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const name of ['Start', 'Signaler', 'Karta', 'Lärcentra', 'Data och metod']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole('link', { name: 'Start', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );

    // The real data was imported on start, so the status says so and counts the loaded sources.
    const status = page.getByRole('region', { name: 'Datastatus' });
    await expect(status.locator('[data-state]')).toHaveAttribute('data-state', 'ready');
    await expect(status).toContainText('Data är inläst.');
    await expect(status).toContainText(/\d+ källor är registrerade, \d+ av dem är inlästa\./);
    await expect(status).toContainText('Senaste lyckade import:');

    // The footer names the sources' licences.
    await expect(page.getByRole('contentinfo')).toContainText('Datakällor och licenser');
    await expect(page.getByRole('contentinfo')).toContainText('CC0');
    await saveScreenshot(page, 'start');
    await page.setViewportSize({ width: 375, height: 740 });
    await saveScreenshot(page, 'start-mobile', { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 800 });

    const switcher = page.getByRole('group', { name: 'Språk' });
    await expect(switcher.getByRole('button', { name: 'Svenska' })).toHaveAttribute('aria-pressed', 'true');
    await switcher.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Semafor – signals for skills supply');
    await expect(page).toHaveTitle('Start – Semafor');
    await expect(
      page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Data and method' }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Data status' })).toContainText('Data is loaded.');
    await saveScreenshot(page, 'start-en');

    // The choice is remembered across visits.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Semafor – signaler för kompetensförsörjning',
    );
  });

  test('/data lists every source with licence, files and its import runs', async ({ page, request }) => {
    const { sources } = (await (await request.get('/api/sources')).json()) as SourcesJson;
    expect(sources.length).toBeGreaterThan(0);

    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Data och metod' })
      .click();
    await expect(page).toHaveURL(/\/data$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data och metod');
    await expect(page).toHaveTitle('Data och metod – Semafor');
    await expect(page.getByRole('heading', { level: 2, name: /Källor/ })).toContainText(
      `${sources.length} källor`,
    );

    for (const source of sources) {
      const card = page.getByRole('article', { name: source.title.sv });
      await expect(card).toBeVisible();
      await expect(card).toContainText(source.publisher);
      await expect(card).toContainText(source.licence);
      await expect(card.getByRole('link', { name: new URL(source.homepage).host })).toHaveAttribute(
        'href',
        source.homepage,
      );
      for (const file of source.files) await expect(card).toContainText(file.path);

      // Every source was imported on start: its latest run succeeded and is listed in the runs table.
      expect(source.runs.length, source.id).toBeGreaterThan(0);
      expect(source.lastSuccessfulRun, source.id).not.toBeNull();
      const table = card.getByRole('table', { name: `Importkörningar för ${source.title.sv}, nyaste först` });
      await expect(table.locator('tbody tr')).toHaveCount(source.runs.length);
      const first = table.locator('tbody tr').first();
      await expect(first).toContainText('Lyckad');
      await expect(first).toContainText('Datakatalog');
      await expect(first).toContainText(source.runs[0]!.contentHash!.slice(0, 12));
      await expect(card).toContainText(source.lastSuccessfulRun!.contentHash!.slice(0, 12));
    }
    await saveScreenshot(page, 'data', { fullPage: false });

    // The list of sources at the top leads to each source.
    const last = [...sources].sort((a, b) => a.title.sv.localeCompare(b.title.sv, 'sv')).at(-1)!;
    await page
      .getByRole('navigation', { name: 'Källor på sidan' })
      .getByRole('link', { name: last.title.sv })
      .click();
    await expect(page.getByRole('heading', { level: 3, name: last.title.sv })).toBeInViewport();
    await expect(page).toHaveURL(new RegExp(`/data#source-${last.id}$`));

    // Titles and labels follow the language.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data and method');
    for (const source of sources) {
      const card = page.getByRole('article', { name: source.title.en });
      await expect(
        card.getByRole('table', { name: `Import runs for ${source.title.en}, newest first` }),
      ).toBeVisible();
      await expect(card.locator('tbody tr').first()).toContainText('Succeeded');
    }
  });

  test('an unknown path shows a helpful not-found page', async ({ page }) => {
    await page.goto('/finns/inte');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
    await expect(page.getByRole('main')).toContainText('Det finns ingen sida på adressen /finns/inte.');
    await expect(page).toHaveTitle('Sidan finns inte – Semafor');
    // The header and navigation stay, and the page suggests where to go.
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
    await page
      .getByRole('main')
      .getByRole('link', { name: /Data och metod/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data och metod');
    await page.goto('/finns/inte');
    await saveScreenshot(page, 'not-found');
  });

  test('pages keep ?geo= in the URL when moving between them', async ({ page }) => {
    await page.goto('/signaler?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signaler för Gävleborgs län');
    await saveScreenshot(page, 'signaler', { fullPage: false });

    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Karta' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Karta');
    expect(new URL(page.url()).searchParams.get('geo')).toBe('county:21');

    await nav.getByRole('link', { name: 'Lärcentra' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Lärcentra');
    expect(new URL(page.url()).pathname).toBe('/larcentra');
    expect(new URL(page.url()).searchParams.get('geo')).toBe('county:21');
  });

  test('is usable with the keyboard: skip link first, then the navigation', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();

    // Reach "Data och metod" in the menu by tabbing and open it with Enter.
    await page.keyboard.press('Shift+Tab');
    const target = page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Data och metod' });
    for (let i = 0; i < 20 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    await expect(target).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data och metod');
    // After navigating, focus moves to the new content.
    await expect(page.getByRole('main')).toBeFocused();

    // The language switch works from the keyboard.
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('keeps the keyboard focus when the app replaces the server-filled first view', async ({ page }) => {
    // Slow answers hold the app's first render back (it waits for the route's data), so the user tabs in the
    // server's HTML first; when React replaces that HTML, the focus must move to the app's own skip link.
    await page.route('**/api/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/signaler?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const serverSkip = await page.evaluateHandle(() => document.activeElement as Element);
    expect(await serverSkip.evaluate((el) => el.textContent)).toBe('Hoppa till innehållet');
    await page.waitForFunction((el) => !el.isConnected, serverSkip, { timeout: 30_000 });
    await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();

    // The server's skip link moves the focus into the main content as the app's does, and it stays there.
    await page.goto('/signaler?geo=county:21');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const serverMain = await page.evaluateHandle(() => document.getElementById('main') as Element);
    await page.keyboard.press('Enter');
    expect(await serverMain.evaluate((el) => el === document.activeElement && el.isConnected)).toBe(true);
    await page.waitForFunction((el) => !el.isConnected, serverMain, { timeout: 30_000 });
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('shows an API failure to the user instead of hiding it', async ({ page }) => {
    // The real server cannot be made to fail on demand, so the browser replaces its answer with the API's
    // error format for this one request.
    await page.route('**/api/sources', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'source_unavailable',
            message: 'Databasen är inte tillgänglig just nu',
            details: {},
          },
        }),
      }),
    );
    await page.goto('/data');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('Något gick fel');
    await expect(alert).toContainText('Databasen är inte tillgänglig just nu');
    await expect(alert).toContainText('Felkod: source_unavailable');

    // Retrying reaches the real API once it answers again. The footer's source list shares the query and may ask
    // again by itself when it comes near the screen (the error page is short), which can recover the page before the
    // click lands: the button is clicked while it is there, and the page must end up showing the sources.
    await page.unroute('**/api/sources');
    const retry = alert.getByRole('button', { name: 'Försök igen' });
    await expect(async () => {
      if (await retry.isVisible()) await retry.click({ timeout: 2_000 });
      await expect(page.getByRole('main').getByRole('article').first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
  });

  test('the English start page is reachable directly when English was chosen before', async ({
    page,
    request,
  }) => {
    const health = (await (await request.get('/api/health')).json()) as HealthJson;
    expect(health.data.state).toBe('ready');
    await rememberLanguage(page, 'en');
    await page.goto('/data');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data and method');
  });
});
