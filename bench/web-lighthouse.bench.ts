/**
 * Lighthouse on the web app as a visitor on a phone meets it (issue 15). Run:
 * `npm run bench -- web-lighthouse [--runs=N] [--record] [--label=TEXT]`.
 *
 * Lighthouse 12 (the `lighthouse` package, default mobile profile: Moto G Power screen, simulated slow 4G with
 * 150 ms RTT and 1.6 Mbit/s, 4× CPU slow-down) drives Debian's Chromium (/usr/bin/chromium, started with
 * chrome-launcher; no browser is downloaded) on the five pages of the issue. For each page it prints the
 * performance score, FCP, LCP, CLS, TBT, the bytes transferred, the script bytes parsed, the long tasks and the
 * accessibility score over N runs: score and TBT as medians of the runs (with TBT's range), the rest from the median
 * run (Lighthouse's own computeMedianRun: the run nearest the medians of FCP and TTI). Script bytes (and count) do
 * not depend on the machine's load; TBT does, and the baseline's own TBT shows how much of it is the machine.
 *
 * Baseline in the same run: the same pages' HTML as the server sends it, with every script and module preload
 * removed (stylesheets kept), served by a small proxy on loopback that passes every other request (CSS, icon)
 * through to the server unchanged. It is what HTML and CSS alone cost on the same network profile, so the gap
 * to it is what the JavaScript and the data add.
 *
 * The server: SEMAFOR_BENCH_URL (a running `semafor serve` with the open data imported), else one started here on
 * a fresh embedded database (bench/lib/web-server.ts; the import is setup, not timed). The web app is built first
 * when dist/web is missing or older than its sources. `--record` writes the section of bench/RESULTS.md;
 * `--label` names the state of the code measured (the section keeps earlier labelled tables, so before/after
 * figures stand side by side).
 */

import { existsSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { machineFacts, recordSection, resultsFile, sectionHeading } from './lib/results.js';
import { ensureBuilt, startServer } from './lib/web-server.js';

/** The pages of issue 15. */
const PAGES = [
  '/',
  '/signaler?geo=county:21',
  '/yrken/7114?geo=county:21',
  '/karta',
  '/larcentra/tackning?geo=county:21',
];

const TARGETS = { performance: 90, lcpMs: 2500, cls: 0.1, signalsKb: 200 };

interface Figures {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  cls: number;
  tbt: number;
  bytes: number;
  /** Script bytes the browser parsed in the load (uncompressed size of every script response). */
  scriptBytes: number;
  /** Script responses in the load. */
  scripts: number;
  /** The lowest and highest TBT of the runs (the figure above is their median). */
  tbtRange?: [number, number];
  /** Main-thread tasks of 50 ms and more (Lighthouse's long-tasks audit, on its simulated 4× slower CPU). */
  longTasks: number;
}

type LighthouseResult = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function figuresOf(lhr: LighthouseResult): Figures {
  const audit = (id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? Number.NaN) * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    cls: audit('cumulative-layout-shift'),
    tbt: audit('total-blocking-time'),
    bytes: audit('total-byte-weight'),
    ...scriptFigures(lhr),
    longTasks: listOf(lhr, 'long-tasks').length,
  };
}

/** The rows of a table-like audit (network requests, long tasks), empty when the audit has none. */
function listOf(lhr: LighthouseResult, id: string): Array<Record<string, unknown>> {
  const details = lhr.audits[id]?.details as { items?: Array<Record<string, unknown>> } | undefined;
  return details?.items ?? [];
}

/**
 * What the load asked the browser to parse and run, from the network log: these figures do not depend on how busy
 * the machine is (TBT does), so a change in the code shows in them even when TBT is lost in the noise.
 */
function scriptFigures(lhr: LighthouseResult): { scriptBytes: number; scripts: number } {
  const scripts = listOf(lhr, 'network-requests').filter((item) => item.resourceType === 'Script');
  return {
    scriptBytes: scripts.reduce((sum, item) => sum + Number(item.resourceSize ?? 0), 0),
    scripts: scripts.length,
  };
}

/** Removes scripts and module preloads: what is left is the page's HTML and stylesheets. */
export function withoutScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/g, '')
    .replace(/<noscript>[\s\S]*?<\/noscript>/g, '');
}

/** A loopback server for the baseline: pages without scripts, everything else passed through to `origin`. */
async function startBaseline(origin: string): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(origin);
  const server = createServer((req, res) => {
    const forward = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (upstream) => {
        const type = String(upstream.headers['content-type'] ?? '');
        if (!type.startsWith('text/html')) {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
          return;
        }
        // The HTML is rewritten, so it is asked for uncompressed below and sent as plain text of its new size.
        const chunks: Buffer[] = [];
        upstream.on('data', (c: Buffer) => chunks.push(c));
        upstream.on('end', () => {
          const body = Buffer.from(withoutScripts(Buffer.concat(chunks).toString('utf8')));
          res.writeHead(upstream.statusCode ?? 200, {
            'content-type': type,
            'content-length': body.length,
            'cache-control': 'no-cache',
          });
          res.end(body);
        });
      },
    );
    const accept = String(req.headers.accept ?? '');
    if (accept.includes('text/html')) forward.setHeader('accept-encoding', 'identity');
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const ms = (n: number): string => `${(n / 1000).toFixed(2)} s`;
const kb = (n: number): string => `${Math.round(n / 1024)} KiB`;

const range = (r: [number, number] | undefined): string =>
  r && r[0] !== r[1] ? ` [${Math.round(r[0])}–${Math.round(r[1])}]` : '';

function row(page: string, app: Figures, base: Figures): string {
  const pair = (a: string, b: string): string => `${a} (${b})`;
  return [
    `\`${page}\``,
    pair(`**${app.performance}**`, String(base.performance)),
    pair(ms(app.fcp), ms(base.fcp)),
    pair(ms(app.lcp), ms(base.lcp)),
    pair(app.cls.toFixed(3), base.cls.toFixed(3)),
    pair(
      `${Math.round(app.tbt)} ms${range(app.tbtRange)}`,
      `${Math.round(base.tbt)} ms${range(base.tbtRange)}`,
    ),
    pair(kb(app.bytes), kb(base.bytes)),
    `${kb(app.scriptBytes)} in ${app.scripts}`,
    pair(String(app.longTasks), String(base.longTasks)),
    pair(String(app.accessibility), String(base.accessibility)),
  ].join(' | ');
}

/** The labelled tables already in the section, so a new label is added beside them (before/after). */
function earlierTables(label: string): string[] {
  if (!existsSync(resultsFile)) return [];
  const text = readFileSync(resultsFile, 'utf8');
  const start = text.indexOf(sectionHeading('web-lighthouse'));
  if (start < 0) return [];
  const rest = text.slice(start + 1);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return section
    .split(/\n(?=### )/)
    .filter((part) => part.startsWith('### ') && !part.startsWith(`### ${label}\n`))
    .map((part) => part.trim());
}

async function main(): Promise<void> {
  const record = process.argv.includes('--record');
  const runs = Number(/--runs=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 3);
  const label =
    /--label=(.+)/.exec(process.argv.find((a) => a.startsWith('--label=')) ?? '')?.[1] ?? 'current';
  const facts = machineFacts();
  await ensureBuilt();
  const external = process.env.SEMAFOR_BENCH_URL;
  const server = external ? { url: external, stop: async () => {}, setupSeconds: 0 } : await startServer();
  const baseline = await startBaseline(server.url);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.SEMAFOR_CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const measure = async (url: string): Promise<Figures> => {
    const results: LighthouseResult[] = [];
    let failures = 0;
    while (results.length < runs) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      const error = result ? result.lhr.runtimeError?.message : 'Lighthouse returned nothing';
      if (!result || error) {
        // A loaded machine now and then loses the trace (NO_NAVSTART); such a run has no figures, so run again.
        failures += 1;
        process.stderr.write(`${url}: ${error} (failure ${failures}, running again)\n`);
        if (failures > 3) throw new Error(`${url}: ${error}`);
        continue;
      }
      results.push(result.lhr);
    }
    // The median run's figures, but TBT and the score as the median of every run (the median run is chosen by FCP
    // and TTI, and on a busy machine its TBT can be any of them); the TBT range shows the spread.
    const all = results.map(figuresOf);
    const tbts = all.map((f) => f.tbt);
    return {
      ...figuresOf(computeMedianRun(results)),
      tbt: median(tbts),
      performance: median(all.map((f) => f.performance)),
      tbtRange: [Math.min(...tbts), Math.max(...tbts)],
    };
  };
  const rows: string[] = [];
  const measured: Array<{ page: string; app: Figures }> = [];
  try {
    for (const page of PAGES) {
      const app = await measure(`${server.url}${page}`);
      const base = await measure(`${baseline.url}${page}`);
      measured.push({ page, app });
      rows.push(`| ${row(page, app, base)} |`);
      process.stdout.write(`${rows.at(-1)}\n`);
    }
  } finally {
    chrome.kill();
    await baseline.close();
    await server.stop();
  }
  const signals = measured.find((m) => m.page.startsWith('/signaler'))?.app;
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const targets = [
    `performance ≥ ${TARGETS.performance} on each page: ${met(measured.every((m) => m.app.performance >= TARGETS.performance))}`,
    `LCP < 2.5 s: ${met(measured.every((m) => m.app.lcp < TARGETS.lcpMs))}`,
    `CLS < ${TARGETS.cls}: ${met(measured.every((m) => m.app.cls < TARGETS.cls))}`,
    `under ${TARGETS.signalsKb} kB for the first view of /signaler: ${signals ? met(signals.bytes < TARGETS.signalsKb * 1000) : 'not measured'}`,
    `accessibility 100: ${met(measured.every((m) => m.app.accessibility === 100))}`,
  ].join('; ');
  const table = [
    '| page | performance | FCP | LCP | CLS | TBT | transferred | scripts parsed | long tasks | accessibility |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${table}\n\nTargets: ${targets}\n`);
  if (record) {
    const body = [
      `Lighthouse 12.2.3, default mobile profile (simulated slow 4G: 150 ms RTT, 1.6 Mbit/s; 4× CPU slow-down), headless Debian Chromium, ${runs} runs per page: performance and TBT are the medians of the runs (TBT's lowest–highest in square brackets), the other figures those of the median run (Lighthouse's computeMedianRun). Each cell: the app, then in brackets the **baseline** measured in the same run: the same page's HTML from the server with every script removed (stylesheets kept). Against ${external ? 'a running `semafor serve` with the open data imported and the signals computed' : 'a server started for the run on a fresh embedded database with the open data imported'}. Transferred = Lighthouse's total byte weight (compressed bytes over the wire, all requests of the load, API included). Scripts parsed = the uncompressed bytes of the scripts the load fetched, and how many (machine-independent); long tasks = main-thread tasks of 50 ms or more in the median run (on the simulated 4× slower CPU, so they too depend on the machine's load).`,
      '**The machine is shared and busy** (2 cores, seven helpers and the lead building and testing at the same time): Lighthouse simulates the network but its CPU figures (TBT, and through the simulation FCP and LCP) come from traces taken on this loaded machine and vary from run to run; compare the rows of one table, taken in the same minute, rather than tables taken at different times.',
      ...earlierTables(label),
      `### ${label}\n\n${facts}\n\n${table}\n\nTargets: ${targets}.`,
    ].join('\n\n');
    recordSection('web-lighthouse', body);
    process.stdout.write('recorded in bench/RESULTS.md\n');
  }
}

await main();
