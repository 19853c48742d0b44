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
  common: { app: { name: string; tagline: string }; loading: string };
  start: { heading: string; lead: string };
}

function readCatalogues(localesDir: string, language: string): Catalogues {
  const read = (ns: string): unknown =>
    JSON.parse(readFileSync(path.join(localesDir, language, `${ns}.json`), 'utf8'));
  return { common: read('common') as Catalogues['common'], start: read('start') as Catalogues['start'] };
}

/** The shell's markup, with the class names of the app's own layout (components/layout.tsx). */
export function firstViewShell(localesDir: string, language = 'sv'): string {
  const { common, start } = readCatalogues(localesDir, language);
  return [
    '<div class="app">',
    '<header class="site-header"><div class="container header-inner">',
    `<a href="/" class="brand"><span class="brand-name">${escapeHtml(common.app.name)}</span></a>`,
    `<p class="tagline">${escapeHtml(common.app.tagline)}</p>`,
    '</div></header>',
    '<main id="main" class="container site-main">',
    `<h1>${escapeHtml(start.heading)}</h1>`,
    `<p class="lead">${escapeHtml(start.lead)}</p>`,
    `<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${escapeHtml(common.loading)}</p>`,
    '</main>',
    '</div>',
  ].join('');
}

/** Puts the shell into the empty root element of index.html; refuses a page without one (the build changed). */
export function withFirstView(html: string, shell: string): string {
  const empty = '<div id="root"></div>';
  if (!html.includes(empty)) throw new Error(`index.html has no empty ${empty} to put the first view in`);
  return html.replace(empty, `<div id="root">${shell}</div>`);
}

/**
 * Marks the module scripts and module preloads of a built index.html `fetchpriority="low"`. They are deferred
 * anyway (modules run after parsing), but at the default high priority they compete with the stylesheets the first
 * view needs; low, they come after them. Idempotent.
 */
export function lowPriorityScripts(html: string): string {
  return html.replace(
    /<(script type="module"|link rel="modulepreload")(?![^>]*fetchpriority)/g,
    '<$1 fetchpriority="low"',
  );
}
