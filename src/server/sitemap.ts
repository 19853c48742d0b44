import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/client.js';
import { listCentres } from '../modules/learning-centres/learning-centres.service.js';
import { searchOccupations } from '../modules/occupations/occupations.service.js';
import { publishedListIndex } from '../modules/prioritisation/prioritisation.service.js';
import { escapeHtml } from './first-view.js';
import { PUBLIC } from './policy.js';

/**
 * robots.txt and sitemap.xml (issue 15): the public pages a search engine may list. The sitemap is made from a list
 * of page sources, each naming its pages, so a feature adds its public pages by adding a source. Only pages anyone may open are listed; account, admin and print pages are not.
 */

/** One public page: a path (with query) on this site and, when known, when its content last changed. */
export interface SitemapPage {
  path: string;
  lastModified?: Date | null;
}

/** A kind of public page and how to list them from the data. */
export interface SitemapSource {
  name: string;
  pages(q: Queryable): Promise<SitemapPage[]>;
}

/** The app's fixed public pages. */
export const staticPages: SitemapSource = {
  name: 'static',
  pages: async () =>
    ['/', '/signaler?geo=country:SE', '/karta', '/larcentra', '/larcentra/tackning', '/data'].map((path) => ({
      path,
    })),
};

/** One page per SSYK-4 occupation (its signal in the whole country; the page offers every area). */
export const occupationPages: SitemapSource = {
  name: 'occupations',
  pages: async (q) => (await searchOccupations(q, {})).results.map((o) => ({ path: `/yrken/${o.ssyk}` })),
};

/** One page per learning centre in the registry. */
export const centrePages: SitemapSource = {
  name: 'centres',
  pages: async (q) => {
    const { centres, importedAt } = await listCentres(q);
    return centres.map((c) => ({ path: `/larcentra/${encodeURIComponent(c.id)}`, lastModified: importedAt }));
  },
};

/** One page per published priority list (region × year; the page shows its newest version). */
export const priorityListPages: SitemapSource = {
  name: 'priorities',
  pages: async (q) =>
    (await publishedListIndex(q)).map((l) => ({
      path: `/prioriteringar/${l.region}/${l.year}`,
      lastModified: l.publishedAt,
    })),
};

/** The sources of the sitemap; add a feature's public pages here. */
export const SITEMAP_SOURCES: SitemapSource[] = [
  staticPages,
  occupationPages,
  centrePages,
  priorityListPages,
];

/** The protocol's limit per sitemap file. */
const MAX_URLS = 50_000;

/**
 * The sitemap XML for `origin` (scheme and host, no trailing slash): every page of every source, each once, in
 * source order. A source that fails is left out rather than failing the whole sitemap (its error is passed on).
 */
export async function buildSitemap(
  q: Queryable,
  origin: string,
  sources: readonly SitemapSource[] = SITEMAP_SOURCES,
  onError: (source: string, error: unknown) => void = () => {},
): Promise<string> {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const source of sources) {
    let pages: SitemapPage[];
    try {
      pages = await source.pages(q);
    } catch (error) {
      onError(source.name, error);
      continue;
    }
    for (const page of pages) {
      if (!page.path.startsWith('/') || seen.has(page.path) || entries.length >= MAX_URLS) continue;
      seen.add(page.path);
      const lastmod = page.lastModified
        ? `<lastmod>${page.lastModified.toISOString().slice(0, 10)}</lastmod>`
        : '';
      entries.push(`<url><loc>${escapeHtml(`${origin}${page.path}`)}</loc>${lastmod}</url>`);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}

/** robots.txt: everything public may be crawled except the API, account, admin and print pages. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Disallow: /api/',
    'Disallow: /konto',
    'Disallow: /admin/',
    'Disallow: /logga-in',
    'Disallow: /print/',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}

/** How long a built sitemap is reused (it changes only with an import). */
const SITEMAP_TTL_MS = 10 * 60_000;

/**
 * GET /robots.txt and GET /sitemap.xml, public and outside the API (hidden from the OpenAPI document). The origin
 * is SEMAFOR_PUBLIC_URL when set (behind a proxy), else the request's own.
 */
export function sitemapRoutes(options: {
  q: Queryable;
  publicUrl?: string;
  sources?: readonly SitemapSource[];
  now?: () => number;
}): FastifyPluginAsync {
  const cache = new Map<string, { at: number; xml: string }>();
  const now = options.now ?? Date.now;
  return async (app) => {
    const originOf = (request: FastifyRequest): string =>
      options.publicUrl ?? `${request.protocol}://${request.host}`;
    const route = { config: { policy: PUBLIC }, schema: { hide: true } };
    app.get('/robots.txt', route, async (request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(robotsTxt(originOf(request))),
    );
    app.get('/sitemap.xml', route, async (request, reply) => {
      const origin = originOf(request);
      let hit = cache.get(origin);
      if (!hit || now() - hit.at > SITEMAP_TTL_MS) {
        const xml = await buildSitemap(options.q, origin, options.sources, (source, error) =>
          request.log.warn({ err: error, source }, 'sitemap source failed'),
        );
        hit = { at: now(), xml };
        cache.set(origin, hit);
      }
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(hit.xml);
    });
  };
}
