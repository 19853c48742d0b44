import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/client.js';
import { buildSitemap, robotsTxt, type SitemapSource } from './sitemap.js';

// The sources below do not read the database; the builder only passes the handle on.
const noDatabase = {} as Queryable;

describe('sitemap', () => {
  it('lists the pages of every source once, escaped, with the date of the last change', async () => {
    const sources: SitemapSource[] = [
      { name: 'a', pages: async () => [{ path: '/' }, { path: '/signaler?geo=county:21&round=18H' }] },
      {
        name: 'b',
        pages: async () => [
          { path: '/' },
          { path: '/larcentra/x%20y', lastModified: new Date('2026-11-30T10:00:00Z') },
          { path: 'https://elsewhere.example/' },
        ],
      },
    ];
    const xml = await buildSitemap(noDatabase, 'https://semafor.example', sources);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ),
    ).toBe(true);
    expect(xml.match(/<url>/g)).toHaveLength(3);
    expect(xml).toContain('<url><loc>https://semafor.example/</loc></url>');
    expect(xml).toContain('<loc>https://semafor.example/signaler?geo=county:21&amp;round=18H</loc>');
    expect(xml).toContain(
      '<url><loc>https://semafor.example/larcentra/x%20y</loc><lastmod>2026-11-30</lastmod></url>',
    );
    expect(xml).not.toContain('elsewhere');
  });

  it('leaves out a source that fails and says which', async () => {
    const failed: string[] = [];
    const xml = await buildSitemap(
      noDatabase,
      'http://localhost:3000',
      [
        { name: 'broken', pages: async () => Promise.reject(new Error('database down')) },
        { name: 'ok', pages: async () => [{ path: '/data' }] },
      ],
      (source) => failed.push(source),
    );
    expect(failed).toEqual(['broken']);
    expect(xml).toContain('<loc>http://localhost:3000/data</loc>');
  });

  it('robots.txt keeps crawlers out of the API, account, admin and print pages and names the sitemap', () => {
    const text = robotsTxt('https://semafor.example');
    expect(text).toMatch(/^User-agent: \*$/m);
    for (const path of ['/api/', '/konto', '/admin/', '/logga-in', '/print/'])
      expect(text).toContain(`Disallow: ${path}\n`);
    expect(text).toMatch(/^Sitemap: https:\/\/semafor\.example\/sitemap\.xml$/m);
  });
});
