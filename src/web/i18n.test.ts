import { describe, expect, it } from 'vitest';
import { namespaces } from '../i18n/languages.js';
import { namespacesFor } from './i18n.js';

describe('catalogues loaded before a page is shown', () => {
  it("are the frame's (common) and the page's own, with account on every page that is not open to all", () => {
    expect(namespacesFor('/')).toEqual(['common', 'start', 'signals']);
    expect(namespacesFor('/signaler')).toEqual(['common', 'signals']);
    expect(namespacesFor('/karta')).toEqual(['common', 'signals']);
    expect(namespacesFor('/print/yrken/7114')).toEqual(['common', 'signals']);
    expect(namespacesFor('/yrken/7114')).toEqual(['common', 'signals', 'education', 'needs']);
    expect(namespacesFor('/data')).toEqual(['common', 'data', 'signals']);
    expect(namespacesFor('/larcentra')).toEqual(['common', 'larcentra']);
    expect(namespacesFor('/larcentra/tackning')).toEqual(['common', 'larcentra']);
    expect(namespacesFor('/larcentra/abc')).toEqual(['common', 'larcentra']);
    // Pages with a sign-in, a role or a booking behind them keep the account catalogue (access notices, forms).
    expect(namespacesFor('/larcentra/abc/tentamen')).toEqual(['common', 'account', 'centres', 'larcentra']);
    expect(namespacesFor('/larcentra/bokning/abc')).toEqual(['common', 'account', 'larcentra']);
    expect(namespacesFor('/admin/larcentra')).toEqual(['common', 'account', 'centres', 'larcentra']);
    expect(namespacesFor('/maklare')).toEqual(['common', 'account', 'needs', 'signals']);
    expect(namespacesFor('/prioriteringar/arbete')).toEqual(['common', 'account', 'priorities', 'signals']);
    expect(namespacesFor('/logga-in')).toEqual(['common', 'account', 'pages']);
    expect(namespacesFor('/konto')).toEqual(['common', 'account', 'pages']);
    expect(namespacesFor('/finns-inte')).toEqual(['common', 'account', 'pages']);
  });

  it('name only catalogues that exist, and every catalogue is some page group’s', () => {
    const paths = [
      '/',
      '/signaler',
      '/yrken/1',
      '/larcentrum',
      '/data',
      '/prioriteringar/x',
      '/utbildning/gap',
    ];
    const used = new Set(['/maklare', '/x', ...paths].flatMap((p) => namespacesFor(p)));
    for (const ns of used) expect(namespaces).toContain(ns);
    expect([...namespaces].filter((ns) => !used.has(ns))).toEqual([]);
  });
});
