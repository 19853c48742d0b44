import { describe, expect, it } from 'vitest';
import { namespaces } from '../i18n/languages.js';
import { namespacesFor } from './i18n.js';

describe('catalogues loaded before a page is shown', () => {
  it("are the frame's (common, account) and the page's own", () => {
    expect(namespacesFor('/')).toEqual(['common', 'account', 'start', 'signals']);
    expect(namespacesFor('/signaler')).toEqual(['common', 'account', 'signals']);
    expect(namespacesFor('/yrken/7114')).toEqual(['common', 'account', 'signals', 'education', 'needs']);
    expect(namespacesFor('/larcentra/tackning')).toEqual(['common', 'account', 'larcentra']);
    expect(namespacesFor('/larcentra/abc/tentamen')).toEqual(['common', 'account', 'centres', 'larcentra']);
    expect(namespacesFor('/admin/larcentra')).toEqual(['common', 'account', 'centres', 'larcentra']);
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
