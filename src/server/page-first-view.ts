import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../db/client.js';
import { getGeography } from '../modules/geographies/geographies.service.js';
import { explainSignal } from '../modules/signals/signal-detail.service.js';
import { listSignals } from '../modules/signals/signal-list.service.js';
import { type PreparedJson, prepareJson } from './cached-json.js';
import { escapeHtml, withCurrentNavItem } from './first-view.js';

/**
 * Server-filled first view of the data pages (issue 15, docs/adr/0004-first-view.md): for `/signaler?geo=…` and
 * `/yrken/<ssyk>?geo=…` the SPA fallback sends index.html with the page's own heading, the chosen area and round and
 * a readable summary in place of the build's generic shell, so the first contentful paint (and the largest one)
 * come from HTML. React replaces the markup on mount as it replaces the shell (new nodes, no layout shift).
 *
 * Texts come from the Swedish catalogues (the default language; the app switches when English is chosen), data from
 * the same cached services the API answers from. A page the table does not know, a geography that is not public
 * open data (custom areas) or any error while reading gives the static shell: never worse than before.
 */

/** What the first view of one page says. */
export interface PageView {
  /** The document title (before " – Semafor"). */
  title: string;
  heading: string;
  lead?: string;
  /** Further lines of text: round, summary. */
  lines: Array<{ text: string; className?: string; label?: string; strong?: boolean }>;
  /** A second-level heading before the lines (the occupation page's "Signal" section). */
  subheading?: string;
  /** The page's own sub-navigation between heading and lead, as the app shows it (the learning-centre pages). */
  subnav?: { label: string; links: Array<{ href: string; text: string; current?: boolean }> };
}

/** One page the server fills: a path pattern and how to read its view from the data. */
export interface FirstViewRoute {
  path: RegExp;
  view(q: Queryable, match: RegExpExecArray, search: URLSearchParams, texts: Texts): Promise<PageView | null>;
}

type Catalogue = Record<string, unknown>;

/** The Swedish catalogues the first views take their words from. */
export interface Texts {
  t(namespace: 'signals' | 'common' | 'larcentra', key: string, values?: Record<string, string>): string;
}

const localesDir = fileURLToPath(new URL('../i18n/locales/', import.meta.url));

/** i18next-style lookup with `{{name}}` interpolation over the Swedish catalogues, read once. */
export function swedishTexts(dir = localesDir): Texts {
  const catalogues: Record<string, Catalogue> = {};
  const read = (ns: string): Catalogue => {
    catalogues[ns] ??= JSON.parse(readFileSync(path.join(dir, 'sv', `${ns}.json`), 'utf8')) as Catalogue;
    return catalogues[ns];
  };
  return {
    t(namespace, key, values = {}) {
      let node: unknown = read(namespace);
      for (const part of key.split('.')) node = (node as Catalogue | undefined)?.[part];
      if (typeof node !== 'string') throw new Error(`no text ${namespace}:${key}`);
      return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
    },
  };
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' });
const integer = new Intl.NumberFormat('sv-SE');
const CLASS_ORDER = ['brist', 'paradox', 'balans', 'overskott', 'otillrackligt_underlag'] as const;
/** Geography types whose signals are open data for anyone (custom areas belong to a region). */
const OPEN_TYPES = new Set(['country', 'county', 'municipality', 'fa']);

const formatDate = (iso: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? dateFormat.format(new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!))) : iso;
};

async function openGeographyName(q: Queryable, id: string | null): Promise<string | null> {
  if (!id || !OPEN_TYPES.has(id.split(':')[0] ?? '')) return null;
  return (await getGeography(q, id)).name;
}

/** The data pages whose first view the server fills (add a page here). */
export const FIRST_VIEW_ROUTES: FirstViewRoute[] = [
  {
    path: /^\/signaler\/?$/,
    async view(q, _match, search, { t }) {
      const geo = search.get('geo');
      const name = await openGeographyName(q, geo);
      if (!geo || !name) return null;
      const heading = t('signals', 'overview.heading', { geo: name });
      const list = await listSignals(q, { geo, round: search.get('round') ?? undefined });
      const counts = new Map<string, number>();
      for (const s of list.signals) counts.set(s.signalClass, (counts.get(s.signalClass) ?? 0) + 1);
      const byClass = CLASS_ORDER.filter((c) => counts.get(c))
        .map((c) => `${integer.format(counts.get(c) ?? 0)} ${t('signals', `classPlural.${c}`)}`)
        .join(', ');
      const total = integer.format(list.total);
      return {
        title: heading,
        heading,
        lead: t('signals', 'overview.lead'),
        lines: [
          {
            className: 'round-line',
            // The same sentence as the app's round line, so the app's line is no larger (no later LCP).
            text: [
              t('signals', 'round.current', {
                label: list.round.label,
                date: formatDate(list.round.referenceDate),
              }),
              t('signals', 'round.method', { version: list.methodVersion }),
              list.roundChoice === 'widest_coverage'
                ? t('signals', 'round.defaultWidest', {
                    count: String(list.round.coverage[geo.split(':')[0] ?? ''] ?? 0),
                  })
                : '',
            ]
              .join(' ')
              .trim(),
          },
          {
            text: `${t('signals', 'overview.count', { shown: total, total })} ${byClass ? t('signals', 'overview.countByClass', { counts: byClass }) : ''}`.trim(),
          },
        ],
      };
    },
  },
  {
    path: /^\/yrken\/(\d{4})\/?$/,
    async view(q, match, search, { t }) {
      const geo = search.get('geo') ?? 'country:SE';
      const name = await openGeographyName(q, geo);
      if (!name) return null;
      const detail = await explainSignal(q, {
        geo,
        ssyk: match[1] ?? '',
        round: search.get('round') ?? undefined,
      });
      const heading = t('signals', 'occupation.title', { occupation: detail.label.sv, geo: name });
      const lead = [t('signals', 'occupation.ssyk', { code: detail.ssyk }), detail.field?.sv]
        .filter(Boolean)
        .join(' · ');
      return {
        title: heading,
        heading,
        lead,
        subheading: t('signals', 'occupation.classHeading'),
        lines: [
          { text: t('signals', `class.${detail.signal.signalClass}`), strong: true },
          {
            className: 'round-line',
            text: t('signals', 'round.current', {
              label: detail.round.label,
              date: formatDate(detail.round.referenceDate),
            }),
          },
          { label: t('signals', 'occupation.summary'), text: detail.signal.explanation.summary.sv },
        ],
      };
    },
  },
  {
    // No data in the first view: the heading, the sub-navigation and the lead, which is the page's largest text (its
    // LCP element). They stand where the app puts them (same frame above), so the app's copy is no larger a paint.
    path: /^\/larcentra\/tackning\/?$/,
    async view(_q, _match, search, { t }) {
      const heading = `${t('larcentra', 'title')}: ${t('larcentra', 'reach.title').toLocaleLowerCase('sv')}`;
      const geo = search.get('geo');
      const query = geo ? `?${new URLSearchParams({ geo })}` : '';
      return {
        title: `${t('larcentra', 'reach.title')} – ${t('larcentra', 'title')}`,
        heading,
        subnav: {
          label: t('larcentra', 'subnav.label'),
          links: [
            { href: `/larcentra${query}`, text: t('larcentra', 'subnav.list') },
            { href: `/larcentra/tackning${query}`, text: t('larcentra', 'subnav.reach'), current: true },
          ],
        },
        lead: t('larcentra', 'reach.lead'),
        lines: [],
      };
    },
  },
];

/** The markup of a page's first view: the same layout classes as the app, the loading line last. */
export function renderPageView(view: PageView, loading: string): string {
  const lines = view.lines.map((line) => {
    const cls = line.className ? ` class="${escapeHtml(line.className)}"` : '';
    const label = line.label ? `<strong>${escapeHtml(line.label)}:</strong> ` : '';
    const text = line.strong ? `<strong>${escapeHtml(line.text)}</strong>` : escapeHtml(line.text);
    return `<p${cls}>${label}${text}</p>`;
  });
  const subnav = view.subnav
    ? `<nav class="subnav" aria-label="${escapeHtml(view.subnav.label)}"><ul>${view.subnav.links
        .map(
          (link) =>
            `<li><a${link.current ? ' aria-current="page" class="active"' : ''} href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></li>`,
        )
        .join('')}</ul></nav>`
    : '';
  return [
    `<h1>${escapeHtml(view.heading)}</h1>`,
    subnav,
    view.lead ? `<p class="lead">${escapeHtml(view.lead)}</p>` : '',
    view.subheading ? `<h2>${escapeHtml(view.subheading)}</h2>` : '',
    ...lines,
    `<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${escapeHtml(loading)}</p>`,
  ].join('');
}

const MAIN = /(<main id="main" tabindex="-1" class="container site-main">)[\s\S]*?(<\/main>)/;

/**
 * index.html with the page's view in the shell's `<main>`, its title, and (given the path) its item of the main
 * navigation marked current; refuses a build without the shell.
 */
export function withPageView(html: string, view: PageView, texts: Texts, pathname?: string): string {
  if (!MAIN.test(html)) throw new Error('index.html has no first-view <main> to fill');
  const suffix = texts.t('common', 'app.titleSuffix');
  return (pathname ? withCurrentNavItem(html, pathname) : html)
    .replace(
      MAIN,
      (_, open: string, close: string) =>
        `${open}${renderPageView(view, texts.t('common', 'loading'))}${close}`,
    )
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${view.title} – ${suffix}`)}</title>`);
}

interface CachedPage {
  at: number;
  indexVersion: number;
  page: PreparedJson | null;
}

/** How long a filled page is reused; the data behind it changes only with an import. */
const PAGE_TTL_MS = 60_000;
const MAX_PAGES = 500;

/**
 * The filled index.html for a request URL, compressed (br, gzip) and cached for a minute per URL and build; null
 * when the page has no server-filled view (send the static index.html then).
 */
export function firstViewPages(options: {
  q: Queryable;
  webDir: string;
  routes?: FirstViewRoute[];
  texts?: Texts;
  now?: () => number;
  onError?: (error: unknown) => void;
}) {
  const routes = options.routes ?? FIRST_VIEW_ROUTES;
  const texts = options.texts ?? swedishTexts();
  const now = options.now ?? Date.now;
  const indexFile = path.join(options.webDir, 'index.html');
  const cache = new Map<string, CachedPage>();
  let index: { version: number; html: string } | null = null;

  const readIndex = (): { version: number; html: string } => {
    const version = statSync(indexFile).mtimeMs;
    if (index?.version !== version) index = { version, html: readFileSync(indexFile, 'utf8') };
    return index;
  };

  return async function pageFor(url: string): Promise<PreparedJson | null> {
    const parsed = new URL(url, 'http://localhost');
    const route = routes.find((r) => r.path.test(parsed.pathname));
    if (!route) return null;
    const { version, html } = readIndex();
    const key = `${parsed.pathname}?${[...parsed.searchParams].sort().join('&')}`;
    const hit = cache.get(key);
    if (hit && hit.indexVersion === version && now() - hit.at < PAGE_TTL_MS) return hit.page;
    let page: PreparedJson | null = null;
    try {
      const view = await route.view(
        options.q,
        route.path.exec(parsed.pathname) as RegExpExecArray,
        parsed.searchParams,
        texts,
      );
      page = view ? await prepareJson(Buffer.from(withPageView(html, view, texts, parsed.pathname))) : null;
    } catch (error) {
      // Unknown occupation, no signals yet, database busy: the static shell is sent and the app says what is wrong.
      options.onError?.(error);
    }
    if (cache.size >= MAX_PAGES) cache.delete(cache.keys().next().value as string);
    cache.set(key, { at: now(), indexVersion: version, page });
    return page;
  };
}
