import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The first view that does not wait for the bundle (issue 15, docs/adr/0004-first-view.md): at build time the
 * web app's index.html gets, inside `<div id="root">`, the site header, a heading, the start page's lead and a
 * loading line, in Swedish from the i18n catalogues, styled by the stylesheet index.html already links. React's
 * `createRoot().render` replaces it on mount; new nodes are not layout shifts, so it costs no CLS.
 */

/** Text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

interface Catalogues {
  common: {
    app: { name: string; tagline: string; homeLink: string };
    skipToContent: string;
    nav: Record<(typeof NAV_ITEMS)[number]['key'] | 'label', string>;
    language: { label: string; sv: string; en: string };
    loading: string;
    accountMenu: { signIn: string };
  };
  start: { heading: string; lead: string };
}

function readCatalogues(localesDir: string, language: string): Catalogues {
  const read = (ns: string): unknown =>
    JSON.parse(readFileSync(path.join(localesDir, language, `${ns}.json`), 'utf8'));
  return {
    common: read('common') as Catalogues['common'],
    start: read('start') as Catalogues['start'],
  };
}

/** The main navigation of components/layout.tsx (the same paths and keys, in the same order). */
export const NAV_ITEMS = [
  { to: '/', key: 'start' },
  { to: '/signaler', key: 'signals' },
  { to: '/karta', key: 'map' },
  { to: '/larcentra', key: 'learningCentres' },
  { to: '/data', key: 'data' },
] as const;

/** The traffic-light mark of the header (components/layout.tsx BrandMark), as static SVG. */
const BRAND_MARK =
  '<svg class="brand-mark" viewBox="0 0 16 32" width="14" height="28" aria-hidden="true" focusable="false"><rect x="0" y="0" width="16" height="32" rx="5" fill="currentColor" opacity="0.25"></rect><circle cx="8" cy="7" r="4.2" fill="#ff6b5e"></circle><circle cx="8" cy="16" r="4.2" fill="#ffd24d"></circle><circle cx="8" cy="25" r="4.2" fill="#5fd68a"></circle></svg>';

/**
 * The shell's markup: the app's own frame (skip link, header with the anonymous visitor's "Logga in" and the
 * language switch, main navigation) with the class names of components/layout.tsx, then the start page's heading
 * and lead. The frame is the same size as the app's, so when React replaces it the page's text stays where it was
 * painted: nothing moves, and a replaced block is not a larger paint (a new LCP candidate) just because the header
 * above it grew. The navigation links work before any script; the language buttons act once the app runs.
 */
export function firstViewShell(localesDir: string, language = 'sv'): string {
  const { common, start } = readCatalogues(localesDir, language);
  const nav = NAV_ITEMS.map(
    (item) => `<li><a href="${item.to}">${escapeHtml(common.nav[item.key])}</a></li>`,
  ).join('');
  return [
    '<div class="app">',
    `<a class="skip-link" href="#main">${escapeHtml(common.skipToContent)}</a>`,
    '<header class="site-header"><div class="container header-inner">',
    `<a class="brand" aria-label="${escapeHtml(common.app.homeLink)}" href="/">${BRAND_MARK}<span class="brand-name">${escapeHtml(common.app.name)}</span></a>`,
    `<p class="tagline">${escapeHtml(common.app.tagline)}</p>`,
    `<a class="header-link" href="/logga-in">${escapeHtml(common.accountMenu.signIn)}</a>`,
    `<fieldset class="language-switch"><legend class="visually-hidden">${escapeHtml(common.language.label)}</legend>`,
    `<button type="button" lang="sv" aria-pressed="${language === 'sv'}">${escapeHtml(common.language.sv)}</button>`,
    `<button type="button" lang="en" aria-pressed="${language === 'en'}">${escapeHtml(common.language.en)}</button>`,
    '</fieldset>',
    '</div></header>',
    `<nav class="site-nav" aria-label="${escapeHtml(common.nav.label)}"><ul class="container nav-list">${nav}</ul></nav>`,
    // tabindex -1 as the app's <main>: the skip link then moves the focus into it before the app runs, too.
    '<main id="main" tabindex="-1" class="container site-main">',
    `<h1>${escapeHtml(start.heading)}</h1>`,
    `<p class="lead">${escapeHtml(start.lead)}</p>`,
    `<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${escapeHtml(common.loading)}</p>`,
    '</main>',
    '</div>',
  ].join('');
}

/**
 * Marks the navigation item of `pathname` as the current page, as the app's links do (`aria-current="page"`, bold
 * with an underline): the start item only on `/`, the others on their path and below it.
 */
export function withCurrentNavItem(html: string, pathname: string): string {
  const current = NAV_ITEMS.find((item) =>
    item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`),
  );
  if (!current) return html;
  return html.replace(
    `<li><a href="${current.to}">`,
    `<li><a class="active" href="${current.to}" aria-current="page">`,
  );
}

/** Puts the shell into the empty root element of index.html; refuses a page without one (the build changed). */
export function withFirstView(html: string, shell: string): string {
  const empty = '<div id="root"></div>';
  if (!html.includes(empty)) throw new Error(`index.html has no empty ${empty} to put the first view in`);
  return html.replace(empty, `<div id="root">${shell}</div>`);
}

/**
 * Replaces the module script and module preloads of a built index.html by one deferred classic script,
 * public/start.js, that adds them after the first paint (its data attributes name them: `data-entry` the entry
 * module, `data-preload` the chunks, space-separated, in the order the build listed them). Then no script request
 * competes with the stylesheets before the server's first view is painted. Refuses a page without exactly one
 * module script (the build changed). Idempotent.
 */
export function scriptsAfterFirstPaint(html: string): string {
  if (html.includes('src="/start.js"')) return html;
  const entries = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>\s*/g)];
  const entry = entries[0];
  if (entries.length !== 1 || !entry)
    throw new Error('index.html has not exactly one module script to start');
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"[^>]*>\s*/g)];
  const tag = `<script defer src="/start.js" data-entry="${entry[1]}" data-preload="${preloads.map((m) => m[1]).join(' ')}"></script>\n    `;
  let out = html.replace(entry[0], tag);
  for (const preload of preloads) out = out.replace(preload[0], '');
  return out;
}
