import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { SERVICE_CODES } from '../../src/core/learning-centres/services.js';
import { OUTLOOKS, SIGNAL_CLASSES } from '../../src/core/signals/types.js';
import { CLASS_TEXTS } from '../../src/sources/af-yrkesprognoser/parse.js';
import { sourceAdapters } from '../../src/sources/registry.js';
import { E2E_ADMIN } from './accounts-fixture.js';
import { rememberLanguage, saveScreenshot } from './helpers.js';

/**
 * A truthful first look (issue 16): the main pages in both languages show words, not codes, and the pages with
 * tables fit a phone without sideways page scrolling.
 *
 * The raw codes are taken from the code itself (class, outlook and job-opportunity enums, learning-centre service
 * codes, the source registry's ids, AF's Swedish class texts and the stored round names), not typed in here, so a
 * new enum value or source is checked too. A code that is also an ordinary word of the page's language (e.g.
 * "balans" and "paradox" in Swedish) is only looked for in the other language.
 */

type Language = 'sv' | 'en';

/** Every catalogue of a language, parsed (for the words of the language). */
function catalogues(language: Language): unknown[] {
  const dir = new URL(`../../src/i18n/locales/${language}/`, import.meta.url);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as unknown);
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/**
 * The visible text of the page in its own language: text inside an element marked with another language (the
 * Swedish licence texts, centre names and notes on English pages), and commands in code blocks, are left out.
 */
async function textInPageLanguage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pageLanguage = document.documentElement.lang;
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, code, pre, svg title')) continue;
      const marked = parent.closest('[lang]');
      if (marked && marked.getAttribute('lang') !== pageLanguage) continue;
      if (!parent.checkVisibility()) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ');
  });
}

/** Lower-cased words of the catalogues ("Ökar" → "ökar"): a code equal to one of them is a word of the language. */
function wordsOf(catalogue: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') for (const w of value.toLowerCase().split(/[^\p{L}_]+/u)) out.add(w);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(catalogue);
  return out;
}

const ENUM_CODES = [
  ...SIGNAL_CLASSES,
  ...OUTLOOKS,
  // AF's job-opportunity categories (the recruitment situation's are the classes above).
  'stora',
  'medelstora',
  'sma',
  'toward_shortage',
  'toward_surplus',
  'not_scored',
  ...SERVICE_CODES,
];
const SOURCE_IDS = sourceAdapters.map((a) => a.meta.id);

/** True when the text has the code as a whole word (not inside a longer word, id or path). */
const hasWord = (text: string, code: string): boolean =>
  new RegExp(`(^|[^\\p{L}_/-])${code}($|[^\\p{L}_/-])`, 'u').test(text);

/** The pages of the first look; the centre page is found through the API. */
async function mainPages(page: Page): Promise<string[]> {
  const list = (await (await page.request.get('/api/learning-centres?geo=county:21')).json()) as {
    centres: Array<{ id: string; status: string }>;
  };
  const centre = list.centres.find((c) => c.status === 'historical') ?? list.centres[0];
  expect(centre, 'a learning centre in county 21').toBeDefined();
  return [
    '/',
    '/?geo=county:21',
    '/signaler?geo=county:21',
    '/yrken/5323?geo=county:21',
    '/yrken/5321?geo=county:21&round=18H',
    '/karta',
    '/karta?ssyk=5321',
    '/larcentra',
    `/larcentra/${encodeURIComponent(centre?.id ?? '')}`,
    '/larcentra/tackning?geo=county:21',
    '/data',
  ];
}

test.describe('words, not codes', () => {
  for (const language of ['sv', 'en'] as const) {
    test(`no raw code or source id in the visible text (${language})`, async ({ page }) => {
      test.setTimeout(240_000);
      const rounds = (await (await page.request.get('/api/signals/rounds')).json()) as {
        rounds: Array<{ label: string }>;
      };
      // Stored round names are Swedish: on English pages they must have been translated.
      const swedishOnly =
        language === 'en'
          ? [
              ...rounds.rounds.map((r) => r.label),
              ...new Set(rounds.rounds.map((r) => r.label.split(' ')[0] ?? '')),
              ...CLASS_TEXTS.filter((text) => text !== 'Balans'),
              'Sverige',
            ]
          : [];
      const ownWords = wordsOf(catalogues(language));
      const codes = ENUM_CODES.filter((code) => !ownWords.has(code));
      // A source id that is also a word of the language ("places") is looked for in the other language only.
      const sourceIds = SOURCE_IDS.filter((id) => !ownWords.has(id));
      await rememberLanguage(page, language);
      const found: string[] = [];
      for (const path of await mainPages(page)) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await settled(page);
        const text = await textInPageLanguage(page);
        for (const code of codes) if (hasWord(text, code)) found.push(`${path}: code "${code}"`);
        // Source ids and file references belong in the data and method section only.
        if (!path.startsWith('/data')) {
          for (const id of sourceIds) if (hasWord(text, id)) found.push(`${path}: source id "${id}"`);
          const file = /[\w-]+\/[\w.-]+\.(csv|xlsx|json)\b/.exec(text);
          if (file) found.push(`${path}: file reference "${file[0]}"`);
        }
        for (const words of swedishOnly) if (words && text.includes(words)) found.push(`${path}: "${words}"`);
      }
      expect(found).toEqual([]);
    });
  }

  test('plurals use the singular for one (sv and en)', async ({ page }) => {
    await page.goto('/larcentra/tackning?geo=county:21');
    await settled(page);
    // Gävleborg has exactly one municipality without a centre within 30 km (Ovanåker).
    await expect(page.getByText('1 kommun saknar lärcentrum inom 30 km')).toBeVisible();
    await rememberLanguage(page, 'en');
    await page.goto('/larcentra/tackning?geo=county:21');
    await settled(page);
    await expect(page.getByText('1 municipality has no learning centre within 30 km')).toBeVisible();
  });
});

/** The width the document scrolls to must not exceed the window: no sideways page scroll. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    window.innerWidth,
  ]);
  expect(
    scrollWidth,
    `${what}: page width ${scrollWidth} px in a ${innerWidth} px window`,
  ).toBeLessThanOrEqual(innerWidth);
}

test.describe('phone-sized screens (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  const phonePages = [
    '/signaler?geo=county:21',
    '/signaler?geo=county:21&view=grouped',
    '/yrken/5323?geo=county:21',
    '/larcentra?geo=county:21',
    '/larcentra/tackning?geo=county:21',
    '/larcentra/tackning',
  ];
  for (const language of ['sv', 'en'] as const satisfies readonly Language[]) {
    test(`no sideways page scroll; the signal comes first in each row (${language})`, async ({ page }) => {
      test.setTimeout(180_000);
      await rememberLanguage(page, language);
      for (const path of phonePages) {
        await page.goto(path);
        await settled(page);
        await expectNoSidewaysScroll(page, `${path} (${language})`);
      }
      // The overview's rows are cards: the occupation, then the class in words, the score and the outlook, all
      // inside the window.
      await page.goto('/signaler?geo=county:21');
      await settled(page);
      const row = page.locator('table.signal-table tbody tr').first();
      const cells = ['occupation', 'class', 'score', 'outlook'].map((id) =>
        row.locator(`[data-column="${id}"]`),
      );
      const boxes = await Promise.all(cells.map((cell) => cell.boundingBox()));
      for (const [i, box] of boxes.entries()) {
        expect(box, `cell ${i}`).not.toBeNull();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
      }
      // In reading order: occupation above class, class not below score's line start.
      expect(boxes[0]?.y ?? 0).toBeLessThan(boxes[1]?.y ?? 0);
      await expect(cells[1] ?? row).toContainText(
        language === 'sv' ? /Brist|Balans|Överskott|Otillräckligt/ : /Shortage|Balance|Surplus|Insufficient/,
      );
      await expect(cells[2] ?? row).toHaveAttribute('data-label', language === 'sv' ? /Poäng/ : /Score/);
      await expect(cells[2] ?? row).toHaveText(/^(\d[,.]\d\d|–)$/);
      if (language === 'sv') {
        await page.locator('table.signal-table caption').scrollIntoViewIfNeeded();
        await saveScreenshot(page, 'signaler-mobil', { fullPage: false });
        await page.goto('/larcentra/tackning?geo=county:21');
        await settled(page);
        await page.getByRole('heading', { name: 'Kommuner' }).scrollIntoViewIfNeeded();
        await saveScreenshot(page, 'larcentra-tackning-mobil', { fullPage: false });
      }
    });
  }
});

test.describe('navigation keeps what the user chose', () => {
  test('another area on /signaler keeps round, filters and view; the heading names the area shown', async ({
    page,
  }) => {
    await page.goto('/signaler?geo=county:21&round=2025-2&class=brist&view=grouped');
    await settled(page);
    const picker = page.getByRole('combobox', { name: 'Område', exact: true });
    await picker.fill('Nordanstig');
    await expect(page.getByRole('listbox', { name: 'Område' }).getByRole('option').first()).toContainText(
      'Nordanstig',
    );
    await picker.press('Enter');
    await expect(page).toHaveURL(/geo=municipality(%3A|:)2132/);
    const url = new URL(page.url());
    expect(url.searchParams.get('round')).toBe('2025-2');
    expect(url.searchParams.get('class')).toBe('brist');
    expect(url.searchParams.get('view')).toBe('grouped');
    await settled(page);
    // Signals per municipality do not exist: the page shows the FA region and is titled after it.
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).not.toContainText('Nordanstig');
    await expect(page.locator('.notice').filter({ hasText: 'Nordanstig' }).first()).toBeVisible();
    await expect(page.getByTestId('signal-overview')).toHaveAttribute('data-round', '2025-2');
  });

  test('/karta starts with an overview per county and offers a round that has the occupation', async ({
    page,
  }) => {
    await page.goto('/karta');
    await settled(page);
    const overview = page.getByTestId('map-overview');
    await expect(overview.getByRole('heading', { name: /bristyrken per län/ })).toBeVisible();
    await expect(overview.locator('tbody tr')).toHaveCount(21);
    await expect(overview).toContainText('Gävleborgs län');
    // An occupation the default round leaves grey everywhere while another round covering counties has it (found
    // through the API): the page names that round and offers it.
    type List = { round: { roundId: string }; signals: Array<{ ssyk: string; signalClass: string }> };
    const list = async (query: string): Promise<List> =>
      (await (await page.request.get(`/api/signals?${query}`)).json()) as List;
    const byDefault = await list('geo=county:21');
    const rounds = (await (await page.request.get('/api/signals/rounds')).json()) as {
      rounds: Array<{ roundId: string; geographyTypes: string[] }>;
    };
    const candidates: string[] = [];
    for (const r of rounds.rounds) {
      if (r.roundId === byDefault.round.roundId || !r.geographyTypes.includes('county')) continue;
      const other = await list(`geo=county:21&round=${r.roundId}`);
      for (const s of other.signals)
        if (
          s.signalClass !== 'otillrackligt_underlag' &&
          byDefault.signals.find((d) => d.ssyk === s.ssyk)?.signalClass === 'otillrackligt_underlag'
        )
          candidates.push(s.ssyk);
    }
    for (const ssyk of candidates) {
      await page.goto(`/karta?ssyk=${ssyk}`);
      await settled(page);
      const other = page.getByTestId('map-other-round');
      if ((await other.count()) === 0) continue;
      const button = other.getByRole('button', { name: /Visa omgången/ });
      await expect(button).toBeVisible();
      await button.click();
      await expect(page).toHaveURL(/round=/);
      await settled(page);
      await expect(page.getByTestId('map-other-round')).toHaveCount(0);
      await saveScreenshot(page, 'karta-annan-omgang', { fullPage: false });
      return;
    }
    throw new Error(
      `no occupation grey in the default round and classed in another (tried ${candidates.join(', ')})`,
    );
  });

  test('the reach page says which centres it leaves out, and lists them', async ({ page }) => {
    await page.goto('/larcentra/tackning?geo=county:21');
    await settled(page);
    const leftOut = page.getByTestId('reach-left-out');
    await expect(leftOut).toContainText('Historiska uppgifter');
    await expect(leftOut.locator('li[data-status="historical"]').first()).toContainText(
      'Högskolecentrum Bollnäs',
    );
    await expect(leftOut.getByRole('link', { name: /också de historiska/ })).toBeVisible();
  });

  test('an administrator sees on the start page that the newest county round is old, and how to fetch one', async ({
    page,
  }) => {
    await page.goto('/');
    await settled(page);
    await expect(page.getByTestId('old-data-hint')).toHaveCount(0);
    await page.goto('/logga-in');
    await page.getByLabel('E-postadress').fill(E2E_ADMIN.email);
    await page.getByLabel('Lösenord').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
    await page.goto('/');
    await settled(page);
    const hint = page.getByTestId('old-data-hint');
    await expect(hint).toContainText('npx semafor import --online');
    await expect(hint).toContainText(/gammal/);
  });
});

test('/data names the newest round or period of each labour-market source and how to fetch a current one', async ({
  page,
}) => {
  await page.goto('/data');
  await settled(page);
  for (const id of ['af-yrkesbarometer', 'af-yrkesprognoser', 'scb-yrkesregistret']) {
    const card = page.locator(`article[data-source="${id}"]`);
    await expect(card.getByTestId(/newest-(round|period)/).first(), id).toBeVisible();
    // The command where the data is old (18H) or a period was loaded (SCB); a current barometer round needs none.
    if (id !== 'af-yrkesbarometer')
      await expect(
        card.locator('pre code').filter({ hasText: `npx semafor import --online ${id}` }),
      ).toBeVisible();
  }
  // SCB's register: the newest year loaded, up to its last day.
  await expect(
    page.locator('article[data-source="scb-yrkesregistret"]').getByTestId('newest-period'),
  ).toContainText(/Nyaste period i databasen: .+ \(till och med \d+ \w+ \d{4}\)/);
});
