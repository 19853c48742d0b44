import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { firstViewShell, scriptsAfterFirstPaint, withCurrentNavItem, withFirstView } from './first-view.js';

const locales = path.join(projectRoot, 'src', 'i18n', 'locales');
const start = JSON.parse(readFileSync(path.join(locales, 'sv', 'start.json'), 'utf8')) as {
  heading: string;
  lead: string;
};

describe('first view shell', () => {
  it('carries the heading, the lead and a loading line from the Swedish catalogues, escaped', () => {
    const shell = firstViewShell(locales);
    const asHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    expect(shell).toContain(`<h1>${asHtml(start.heading)}</h1>`);
    expect(shell).toContain(`<p class="lead">${asHtml(start.lead)}</p>`);
    expect(shell).toMatch(/<p class="loading" role="status">.*Laddar/);
    expect(shell).toContain('<main id="main" tabindex="-1" class="container site-main">');
    expect(shell).not.toMatch(/<script|<style|\son\w+=/);
  });

  it("has the app's frame: skip link, sign-in link, language switch and the five menu links", () => {
    const shell = firstViewShell(locales);
    expect(shell).toContain('<a class="skip-link" href="#main">Hoppa till innehållet</a>');
    expect(shell).toContain('<a class="header-link" href="/logga-in">Logga in</a>');
    expect(shell).toMatch(/<button type="button" lang="sv" aria-pressed="true">Svenska<\/button>/);
    const links = [...shell.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['/', '/signaler', '/karta', '/larcentra', '/data']);
  });

  it('marks the menu item of the page as current: start only on /, the others on their path and below', () => {
    const shell = firstViewShell(locales);
    const current = (pathname: string): string | undefined =>
      /<a class="active" href="([^"]+)" aria-current="page">/.exec(withCurrentNavItem(shell, pathname))?.[1];
    expect(current('/')).toBe('/');
    expect(current('/larcentra/tackning')).toBe('/larcentra');
    expect(current('/signaler')).toBe('/signaler');
    expect(current('/yrken/7114')).toBeUndefined();
    expect(current('/larcentrax')).toBeUndefined();
  });

  it('is put into the empty root element and refuses a page without one', () => {
    const page =
      '<!doctype html><body><div id="root"></div><script type="module" src="/a.js"></script></body>';
    const html = withFirstView(page, '<h1>Semafor</h1>');
    expect(html).toContain('<div id="root"><h1>Semafor</h1></div><script');
    expect(() => withFirstView('<div id="app"></div>', '<h1>x</h1>')).toThrow(/id="root"/);
  });
});

describe('scripts after the first view', () => {
  it('names the entry module and its preloads for public/start.js, once, and leaves other tags', () => {
    const html =
      '<script defer src="/zod-config.js"></script>\n<script type="module" crossorigin src="/assets/index-a.js"></script>\n<link rel="modulepreload" crossorigin href="/assets/r-x.js">\n<link rel="modulepreload" crossorigin href="/assets/f-b.js">\n<link rel="stylesheet" href="/assets/i-c.css">';
    const once = scriptsAfterFirstPaint(html);
    expect(once).toBe(
      '<script defer src="/zod-config.js"></script>\n<script defer src="/start.js" data-entry="/assets/index-a.js" data-preload="/assets/r-x.js /assets/f-b.js"></script>\n    <link rel="stylesheet" href="/assets/i-c.css">',
    );
    expect(scriptsAfterFirstPaint(once)).toBe(once);
    expect(() => scriptsAfterFirstPaint('<body></body>')).toThrow(/module script/);
  });
});
