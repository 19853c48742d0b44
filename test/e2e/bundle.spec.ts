import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const dist = path.resolve(import.meta.dirname, '..', '..', 'dist', 'web');

/** Budget for the JS a first visit downloads before anything is shown (issue 4: at most 350 KB gzip). */
const INITIAL_JS_BUDGET = 350 * 1024;

test('the initial JavaScript stays within its budget', async ({ page }, testInfo) => {
  // What index.html loads up front: its scripts and the chunks it preloads.
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [
    // Every script element: the classic public/zod-config.js and public/start.js, which starts the entry module
    // and the chunks named in its data-entry and data-preload after the first paint.
    ...[...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/\sdata-(?:entry|preload)="([^"]*)"/g)].flatMap((m) =>
      m[1]!
        .split(' ')
        .filter(Boolean)
        .map((href) => href.replace(/^\//, '')),
    ),
  ];
  expect(files.length).toBeGreaterThan(0);
  const sizes = files.map((file) => {
    const content = readFileSync(path.join(dist, file));
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  const gzip = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const raw = sizes.reduce((sum, s) => sum + s.raw, 0);
  const summary = `initial JS: ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip (${files.join(', ')})`;
  testInfo.annotations.push({ type: 'bundle', description: summary });
  console.log(summary);
  expect(gzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);

  // And the browser really loads no other script before the start page is shown.
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.slice(1));
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Language catalogues (assets/i18n/) are small JSON modules loaded on demand; every other script must be in
  // the initial set.
  const code = scripts.filter((s) => !s.startsWith('assets/i18n/'));
  expect(code.sort()).toEqual([...files].sort());
});
