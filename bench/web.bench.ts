/**
 * Benchmark of the web app's signal overview (issue 4). Run: `npm run bench -- web [--record]`.
 *
 * 1. Initial JavaScript: the entry module and the chunks index.html preloads, gzip-compressed (budget 350 KB).
 *    The web app is built first when dist/web is missing or older than its sources.
 * 2. Time to data: Debian's Chromium opens `/signaler?geo=county:21`; measured from the start of the navigation
 *    to the first table row in the page (`performance.now()` then). One cold load (fresh browser context, nothing
 *    cached) and the median and maximum of 7 warm loads (browser cache and the server's read cache warm).
 *    Target: data within 1.5 s.
 * 3. Baseline in the same run: the one API call the page makes, `GET /api/signals?geo=county:21` from Node,
 *    median of 7, so the share of the time spent in the browser is visible.
 * The server: SEMAFOR_BENCH_URL (a running `semafor serve` with the data imported), else one started here on a
 * fresh embedded database in a temporary directory, which imports the open data and computes the signals first
 * (setup, not timed against the target). `--record` writes its section of bench/RESULTS.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { machineFacts, recordSection } from './lib/results.js';
import { ensureBuilt, startServer } from './lib/web-server.js';

const TARGET_MS = 1500;
const BUDGET_KB = 350;
const RUNS = 7;
const PAGE = '/signaler?geo=county:21';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * The entry module and the chunks it preloads, as index.html names them for public/start.js (`data-entry`,
 * `data-preload`; src/server/first-view.ts scriptsAfterFirstPaint), or as module tags in a build without it.
 */
function startedModules(html: string): string[] {
  return [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
    ...[...html.matchAll(/\sdata-(?:entry|preload)="([^"]*)"/g)].flatMap((m) =>
      (m[1] ?? '').split(' ').map((href) => [href, href.replace(/^\//, '')]),
    ),
  ]
    .map((m) => m[1] as string)
    .filter(Boolean);
}

/** The entry module and the chunks index.html preloads, with their gzip size. */
function initialJs(dist: string): { files: number; raw: number; gzip: number } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = startedModules(html);
  let raw = 0;
  let gzip = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(path.join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: new Set(files).size, raw, gzip };
}

/** Bytes over the wire for each initial JS file as the server sends it, by Accept-Encoding (Content-Length). */
async function wireBytes(
  url: string,
  dist: string,
  acceptEncoding: string,
): Promise<{ total: number; largest: number }> {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = new Set(startedModules(html));
  let total = 0;
  let largest = 0;
  for (const file of files) {
    // HEAD: Node's fetch would decode a body; the length header is what travelled.
    const response = await fetch(`${url}/${file}`, {
      method: 'HEAD',
      headers: { 'accept-encoding': acceptEncoding },
    });
    const length = Number(response.headers.get('content-length'));
    total += length;
    largest = Math.max(largest, length);
  }
  return { total, largest };
}

async function main(): Promise<void> {
  const record = process.argv.includes('--record');
  const facts = machineFacts();
  const dist = await ensureBuilt();
  const js = initialJs(dist);
  process.stdout.write(
    `initial JS: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip\n`,
  );

  const external = process.env.SEMAFOR_BENCH_URL;
  const server = external ? { url: external, stop: async () => {}, setupSeconds: 0 } : await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.SEMAFOR_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const timeToData = async (page: import('playwright-core').Page): Promise<number> => {
      await page.goto(`${server.url}${PAGE}`, { waitUntil: 'commit' });
      await page.locator('table tbody tr[data-ssyk]').first().waitFor({ timeout: 60_000 });
      return page.evaluate(() => performance.now());
    };
    const coldContext = await browser.newContext({ locale: 'sv-SE' });
    const cold = await timeToData(await coldContext.newPage());
    await coldContext.close();
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await timeToData(page);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await timeToData(page));
    await context.close();

    const api: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/signals?geo=county:21`);
      bytes = (await response.arrayBuffer()).byteLength;
      api.push(performance.now() - t0);
    }

    const identity = await wireBytes(server.url, dist, 'identity');
    const gzipWire = await wireBytes(server.url, dist, 'gzip');
    const brWire = await wireBytes(server.url, dist, 'br, gzip');
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

    const warmMedian = median(warm);
    const rows: Array<[string, string]> = [
      [
        'Initial JS (entry + preloaded chunks)',
        `${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, **${(js.gzip / 1024).toFixed(1)} KB gzip** (budget ${BUDGET_KB} KB: ${js.gzip / 1024 <= BUDGET_KB ? 'met' : 'NOT met'})`,
      ],
      [
        'Initial JS over the wire (Content-Length from the server; all files / largest, the framework chunk)',
        `identity ${kb(identity.total)} / ${kb(identity.largest)}; gzip ${kb(gzipWire.total)} / ${kb(gzipWire.largest)}; **br ${kb(brWire.total)} / ${kb(brWire.largest)}**`,
      ],
      ['Time to data, cold (new browser context, nothing cached)', `${Math.round(cold)} ms`],
      [`Time to data, warm, median of ${RUNS}`, `**${Math.round(warmMedian)} ms**`],
      [`Time to data, warm, max of ${RUNS}`, `${Math.round(Math.max(...warm))} ms`],
      [
        `Baseline: GET /api/signals?geo=county:21 from Node, median of ${RUNS}`,
        `${median(api).toFixed(1)} ms (${Math.round(bytes / 1024)} KB JSON)`,
      ],
      [
        'Target',
        `data within ${TARGET_MS} ms: ${warmMedian <= TARGET_MS && cold <= TARGET_MS ? 'met' : warmMedian <= TARGET_MS ? 'met warm, not cold' : 'NOT met'}`,
      ],
    ];
    const table = ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
    process.stdout.write(`${table}\n`);
    if (record) {
      recordSection(
        'web',
        `${facts}\n\nThe signal overview \`${PAGE}\` in Debian's Chromium (headless) against ${external ? 'a running `semafor serve` with the open data imported and the signals computed' : `a server started for the run on a fresh embedded database (import of the open data and computation of the signals: ${server.setupSeconds.toFixed(0)} s, not timed)`}. Time to data = from the start of the navigation to the first table row in the page; the page makes one API call for the table (its code, the area list and the rounds load in parallel). Lazy chunks (Observable Plot, d3-geo, exceljs, each page) are not in the initial JS.\n\n${table}`,
      );
      process.stdout.write('recorded in bench/RESULTS.md\n');
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
