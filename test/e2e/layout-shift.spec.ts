import { expect, type Page, test } from '@playwright/test';

/**
 * Cumulative layout shift (issue 15): the main pages must not push their content around while the data arrives.
 * Measured the way Chromium reports it to Lighthouse and CrUX: the sum of `layout-shift` entries that had no
 * recent input, observed from the start of the navigation until the page has settled (no request in flight and
 * no loading indicator left). A phone-sized viewport and a 4× slower CPU (as Lighthouse's mobile profile) make
 * the late arrivals of data and code visible; the limit is the "good" threshold of Web Vitals.
 */
const CLS_LIMIT = 0.1;

const PAGES = [
  '/',
  '/?geo=county:21',
  '/signaler?geo=county:21',
  '/yrken/7114?geo=county:21',
  '/karta',
  '/larcentra?geo=county:21',
  '/data',
];

const VIEWPORTS = [
  { name: 'phone', width: 412, height: 823 },
  { name: 'desktop', width: 1280, height: 800 },
];

declare global {
  interface Window {
    __cls?: { value: number; shifts: { value: number; sources: string[] }[] };
  }
}

/** Installed before any script of the page: sums the layout shifts (buffered, so none is missed). */
function observeLayoutShift(): void {
  const record: { value: number; shifts: { value: number; sources: string[] }[] } = { value: 0, shifts: [] };
  window.__cls = record;
  interface Shift extends PerformanceEntry {
    value: number;
    hadRecentInput: boolean;
    sources?: { node?: Node | null }[];
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Shift[]) {
      if (entry.hadRecentInput) continue;
      record.value += entry.value;
      record.shifts.push({
        value: entry.value,
        sources: (entry.sources ?? []).map((s) => {
          const node = s.node;
          if (!(node instanceof Element)) return node?.nodeName ?? '?';
          return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : ''}`;
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  // Two frames after the last render, so a shift caused by it has been reported to the observer.
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

for (const viewport of VIEWPORTS) {
  test.describe(`layout shift (${viewport.name}, CPU 4× slower)`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const url of PAGES) {
      test(`CLS < ${CLS_LIMIT} on ${url}`, async ({ page }) => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.addInitScript(observeLayoutShift);
        await page.goto(url);
        await settled(page);
        const cls = await page.evaluate(() => window.__cls ?? { value: Number.NaN, shifts: [] });
        test
          .info()
          .annotations.push({ type: 'cls', description: `${viewport.name} ${url} ${cls.value.toFixed(4)}` });
        console.log(`CLS ${viewport.name} ${url}: ${cls.value.toFixed(4)} ${JSON.stringify(cls.shifts)}`);
        expect(Number.isFinite(cls.value)).toBe(true);
        expect(cls.value, JSON.stringify(cls.shifts)).toBeLessThan(CLS_LIMIT);
      });
    }
  });
}
