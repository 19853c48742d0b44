import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import type { Database } from '../db/client.js';
import { testEngines } from '../db/testing.js';
import { type App, buildApp } from './app.js';
import { cacheControlFor, DOCUMENT_ONLY_HEADERS, precompressDir } from './static-files.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A web build in miniature: the same layout and naming as dist/web, with text large enough to compress. */
async function writeBuild(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html lang="sv"><head><title>Semafor</title></head><body><h1>Semafor</h1>${'<p>Signaler för regional kompetensförsörjning.</p>'.repeat(20)}<div id="root"></div></body></html>`,
    'assets/index-AbCd12_-.js': `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"yrke ${i}"}`).join(',')}];`,
    'assets/index-Zx9Yw8Vu.css': `${Array.from({ length: 100 }, (_, i) => `.c${i}{margin:${i}px;color:#123456}`).join('\n')}`,
    'assets/i18n/sv-common-Q1w2E3r4.js': `export default ${JSON.stringify({ title: 'Semafor', text: 'Hej '.repeat(200) })};`,
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return files;
}

describe('precompressDir and cacheControlFor', () => {
  it('writes smaller .br and .gz beside text files and skips tiny ones', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'semafor-precompress-'));
    try {
      const files = await writeBuild(dir);
      const summary = precompressDir(dir);
      expect(summary.files).toBe(4);
      expect(summary.br).toBeLessThan(summary.gzip);
      expect(summary.gzip).toBeLessThan(summary.raw);
      const js = path.join(dir, 'assets/index-AbCd12_-.js');
      expect(brotliDecompressSync(await readFile(`${js}.br`)).toString()).toBe(
        files['assets/index-AbCd12_-.js'],
      );
      expect(gunzipSync(await readFile(`${js}.gz`)).toString()).toBe(files['assets/index-AbCd12_-.js']);
      await expect(stat(path.join(dir, 'favicon.svg.br'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('marks only content-hashed assets immutable', () => {
    expect(cacheControlFor('assets/framework-Bhk_EaR0.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('assets/i18n/sv-common-Q1w2E3r4.js')).toBe(IMMUTABLE);
    expect(cacheControlFor(path.join('assets', 'index-DXebI-AS.css'))).toBe(IMMUTABLE);
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('favicon.svg')).toBe('no-cache');
    expect(cacheControlFor('zod-config.js')).toBe('no-cache');
    expect(cacheControlFor('assets/logo.svg')).toBe('no-cache');
  });
});

describe.each(testEngines())('static files of the web build on $name', (engine) => {
  let database: Database;
  let app: App;
  let webDir: string;
  let files: Record<string, string>;

  beforeAll(async () => {
    database = await engine.open();
    webDir = await mkdtemp(path.join(tmpdir(), 'semafor-static-'));
    files = await writeBuild(webDir);
    precompressDir(webDir);
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      webDir,
      dataStatus: () => ({ state: 'no_data', message: 'Ingen datakatalog' }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  const JS = '/assets/index-AbCd12_-.js';
  const get = (url: string, acceptEncoding?: string, extra: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...extra },
    });

  it('prefers brotli, with the right type, length, Vary and an immutable cache for hashed assets', async () => {
    const response = await get(JS, 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    const brBytes = await readFile(path.join(webDir, `${JS}.br`));
    expect(Number(response.headers['content-length'])).toBe(brBytes.length);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(files['assets/index-AbCd12_-.js']);
  });

  it('follows q-values: gzip when brotli is ranked lower or refused, identity when both are refused', async () => {
    for (const accept of ['br;q=0.5, gzip;q=1', 'br;q=0, gzip', 'gzip']) {
      const response = await get(JS, accept);
      expect(response.headers['content-encoding'], accept).toBe('gzip');
      expect(gunzipSync(response.rawPayload).toString(), accept).toBe(files['assets/index-AbCd12_-.js']);
      expect(response.headers.vary, accept).toMatch(/accept-encoding/i);
    }
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const response = await get(JS, accept);
      expect(response.statusCode, String(accept)).toBe(200);
      expect(response.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(response.body, String(accept)).toBe(files['assets/index-AbCd12_-.js']);
      expect(Number(response.headers['content-length']), String(accept)).toBe(response.rawPayload.length);
      // The plain file was chosen from the request's Accept-Encoding too, so a shared cache must key on it.
      expect(response.headers.vary, String(accept)).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe(IMMUTABLE);
    }
  });

  it('serves CSS and language chunks compressed and immutable', async () => {
    const css = await get('/assets/index-Zx9Yw8Vu.css', 'br');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
    const i18n = await get('/assets/i18n/sv-common-Q1w2E3r4.js', 'gzip');
    expect(i18n.headers['content-encoding']).toBe('gzip');
    expect(i18n.headers['cache-control']).toBe(IMMUTABLE);
  });

  it("sends a page's policy headers with the HTML only: not with scripts and stylesheets", async () => {
    const page = await get('/', 'br');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBeDefined();
    for (const url of [JS, '/assets/index-Zx9Yw8Vu.css', '/assets/i18n/sv-common-Q1w2E3r4.js']) {
      for (const accept of ['br', undefined]) {
        const response = await get(url, accept);
        expect(response.statusCode, url).toBe(200);
        for (const name of DOCUMENT_ONLY_HEADERS)
          expect(response.headers[name], `${url} ${name}`).toBeUndefined();
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
        expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      }
    }
    const svg = await get('/favicon.svg');
    expect(svg.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('revalidates index.html (no-cache) and answers 304 to its ETag and Last-Modified', async () => {
    const first = await get('/', 'br');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(first.rawPayload).toString()).toBe(files['index.html']);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^(W\/)?"/);
    const byEtag = await get('/', 'br', { 'if-none-match': etag });
    expect(byEtag.statusCode).toBe(304);
    expect(byEtag.rawPayload.length).toBe(0);
    const byDate = await get('/', 'br', { 'if-modified-since': lastModified });
    expect(byDate.statusCode).toBe(304);
    // Each encoding is its own representation with its own validator.
    const plain = await get('/', undefined, { 'if-none-match': etag });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers.etag).not.toBe(etag);
    expect(plain.body).toBe(files['index.html']);
  });

  it('keeps small unhashed files plain and revalidated', async () => {
    const response = await get('/favicon.svg', 'br, gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(files['favicon.svg']);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await app.inject({ method: 'HEAD', url: JS, headers: { 'accept-encoding': 'br' } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['cache-control']).toBe(IMMUTABLE);
    expect(Number(head.headers['content-length'])).toBe(
      (await readFile(path.join(webDir, `${JS}.br`))).length,
    );
    expect(head.rawPayload.length).toBe(0);
  });

  it('keeps the SPA fallback (compressed, revalidated) and 404s for missing assets and API paths', async () => {
    for (const url of ['/signaler?geo=county:21', '/yrken/7114', '/karta']) {
      const response = await get(url, 'gzip, br');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(files['index.html']);
    }
    for (const url of ['/assets/missing-AbCd1234.js', '/api/finns-inte']) {
      const response = await get(url, 'br');
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('not_found');
    }
  });
});
