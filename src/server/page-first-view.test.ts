import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import type { Database } from '../db/client.js';
import { testEngines } from '../db/testing.js';
import { fixtureDataDir } from '../testing/fixture-data.js';
import { openFixtureDatabase } from '../testing/fixture-database.js';
import { type App, buildApp } from './app.js';
import { firstViewShell, withFirstView } from './first-view.js';
import { type PageView, renderPageView, swedishTexts, withPageView } from './page-first-view.js';

const locales = path.join(projectRoot, 'src', 'i18n', 'locales');
const texts = swedishTexts(locales);
const index = withFirstView(
  '<!doctype html><html lang="sv"><head><title>Semafor</title><link rel="stylesheet" href="/assets/index-abcdefgh.css"></head><body><div id="root"></div><script type="module" src="/assets/index-abcdefgh.js"></script></body></html>',
  firstViewShell(locales),
);

describe('server-filled first view (markup)', () => {
  const view: PageView = {
    title: 'Signaler för <Test> & län',
    heading: 'Signaler för <Test> & län',
    lead: 'Ledtext',
    subheading: 'Signal',
    lines: [
      { text: 'Brist', strong: true },
      { text: 'Dataomgång: "x"', className: 'round-line' },
      { text: 'Kort <b>sammanfattning</b>', label: 'Sammanfattning' },
    ],
  };

  it('puts heading, lead, lines and a loading line into the shell, escaped, and sets the title', () => {
    const html = withPageView(index, view, texts);
    expect(html).toContain('<title>Signaler för &lt;Test&gt; &amp; län – Semafor</title>');
    expect(html).toContain(
      '<main id="main" tabindex="-1" class="container site-main"><h1>Signaler för &lt;Test&gt; &amp; län</h1><p class="lead">Ledtext</p><h2>Signal</h2><p><strong>Brist</strong></p><p class="round-line">Dataomgång: &quot;x&quot;</p><p><strong>Sammanfattning:</strong> Kort &lt;b&gt;sammanfattning&lt;/b&gt;</p><p class="loading" role="status">',
    );
    // The header, the stylesheet and the app's module script stay as the build made them.
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<script type="module" src="/assets/index-abcdefgh.js"></script>');
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('refuses a page without the shell (the build changed)', () => {
    expect(() => withPageView('<div id="root"></div>', view, texts)).toThrow(/<main>/);
  });

  it('renders only what the view has', () => {
    expect(renderPageView({ title: 't', heading: 'H', lines: [] }, 'Laddar …')).toBe(
      '<h1>H</h1><p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>Laddar …</p>',
    );
  });
});

describe.each(testEngines())('server-filled first view on the fixture data ($name)', (engine) => {
  let database: Database;
  let app: App;
  let dir: string;

  beforeAll(async () => {
    // The fixture knowledge base with its signals (imported once per run, copied here): the sitemap lists its
    // learning centres, the first views read its signals.
    database = await openFixtureDatabase(engine);
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-first-view-'));
    await writeFile(path.join(dir, 'index.html'), index);
    app = await buildApp({
      database,
      config: { dataDir: fixtureDataDir, projectRoot },
      logger: false,
      webDir: dir,
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const page = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { response, html: response.body };
  };

  it('/signaler?geo=county:21 carries the county, the round and the counts per class', async () => {
    const api = (await app.inject({ method: 'GET', url: '/api/signals?geo=county:21' })).json() as {
      total: number;
      round: { label: string };
      signals: Array<{ signalClass: string }>;
    };
    const county = (await app.inject({ method: 'GET', url: '/api/geographies/county:21' })).json() as {
      name: string;
    };
    const { response, html } = await page('/signaler?geo=county:21');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(html).toContain(`<h1>Signaler för ${county.name}</h1>`);
    expect(html).toContain(`<title>Signaler för ${county.name} – Semafor</title>`);
    expect(html).toContain(`Dataomgång: ${api.round.label}, referensdatum`);
    expect(html).toContain(`Visar ${api.total} av ${api.total} yrken.`);
    const shortages = api.signals.filter((s) => s.signalClass === 'brist').length;
    if (shortages > 0) expect(html).toContain(`${shortages} brist`);
    expect(html).toContain('<p class="loading" role="status">');
  });

  it('/yrken/7114?geo=county:21 carries the occupation, the class and the summary of its signal', async () => {
    const detail = (await app.inject({ method: 'GET', url: '/api/signals/7114?geo=county:21' })).json() as {
      label: { sv: string };
      signal: { signalClass: string; explanation: { summary: { sv: string } } };
    };
    const { html } = await page('/yrken/7114?geo=county:21');
    expect(html).toContain(`<h1>${detail.label.sv} i `);
    expect(html).toContain('<p class="lead">SSYK 7114');
    expect(html).toContain('<h2>Signal</h2>');
    const summary = detail.signal.explanation.summary.sv.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    expect(html).toContain(`<strong>Sammanfattning:</strong> ${summary}`);
  });

  it('/larcentra/tackning carries its heading, sub-navigation and lead, its menu item current', async () => {
    const { html } = await page('/larcentra/tackning?geo=county:21');
    expect(html).toContain('<h1>Lärcentra: täckning</h1><nav class="subnav" aria-label="Lärcentra">');
    expect(html).toContain(
      '<li><a aria-current="page" class="active" href="/larcentra/tackning?geo=county%3A21">Täckning</a></li>',
    );
    expect(html).toContain('<li><a class="active" href="/larcentra" aria-current="page">Lärcentra</a></li>');
    expect(html).toContain('<p class="lead">Hur långt invånarna har till närmaste lärcentrum');
    expect(html).toContain('<title>Täckning – Lärcentra – Semafor</title>');
  });

  it('is compressed by Accept-Encoding and revalidated by its ETag', async () => {
    const { response } = await page('/signaler?geo=county:21', { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(response.rawPayload).toString()).toContain('<h1>Signaler för ');
    const again = await page('/signaler?geo=county:21', {
      'accept-encoding': 'br',
      'if-none-match': String(response.headers.etag),
    });
    expect(again.response.statusCode).toBe(304);
  });

  it('sends the static shell for pages it does not fill, unknown codes and private areas', async () => {
    for (const url of [
      '/karta',
      '/signaler',
      '/signaler?geo=county:99',
      '/signaler?geo=area:1',
      '/yrken/0000?geo=county:21',
      '/yrken/abcd',
    ]) {
      const { response, html } = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(html, url).toBe(index);
    }
  });

  it('serves robots.txt and a sitemap of the occupations and learning centres', async () => {
    const robots = await app.inject({ method: 'GET', url: '/robots.txt', headers: { host: 'semafor.test' } });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Sitemap: http://semafor.test/sitemap.xml');
    const sitemap = await app.inject({
      method: 'GET',
      url: '/sitemap.xml',
      headers: { host: 'semafor.test' },
    });
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    const occupations = (await app.inject({ method: 'GET', url: '/api/occupations' })).json() as {
      results: Array<{ ssyk: string }>;
    };
    expect(occupations.results.length).toBeGreaterThan(0);
    for (const { ssyk } of occupations.results)
      expect(sitemap.body).toContain(`<loc>http://semafor.test/yrken/${ssyk}</loc>`);
    const centres = (await app.inject({ method: 'GET', url: '/api/learning-centres' })).json() as {
      centres: Array<{ id: string }>;
    };
    expect(centres.centres.length).toBeGreaterThan(0);
    for (const { id } of centres.centres)
      expect(sitemap.body).toContain(`/larcentra/${encodeURIComponent(id)}</loc>`);
    expect(sitemap.body).toContain('<loc>http://semafor.test/</loc>');
    expect(sitemap.body).not.toMatch(/\/(konto|admin|print|logga-in)/);
  });

  it('follows a new build of index.html', async () => {
    const rebuilt = index.replace('index-abcdefgh.js', 'index-ijklmnop.js');
    await writeFile(path.join(dir, 'index.html'), rebuilt);
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(dir, 'index.html'), later, later);
    const { html } = await page('/signaler?geo=county:21');
    expect(html).toContain('index-ijklmnop.js');
    expect(html).toContain('<h1>Signaler för ');
  });
});
