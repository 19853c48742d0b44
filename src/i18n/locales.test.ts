import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLanguage, languages, namespaces } from './languages.js';

const localesDir = path.join(import.meta.dirname, 'locales');

type Catalogue = { [key: string]: string | Catalogue };

function readCatalogue(language: string, namespace: string): Catalogue {
  return JSON.parse(readFileSync(path.join(localesDir, language, `${namespace}.json`), 'utf8')) as Catalogue;
}

/** Every leaf as `a.b.c` → text. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const namespaceFiles = (language: string): string[] =>
  readdirSync(path.join(localesDir, language))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

const variables = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

/** Component tags used with <Trans>, e.g. `<time>…</time>`. */
const tags = (text: string): string[] => [...text.matchAll(/<\/?\w+>/g)].map((m) => m[0]).sort();

describe('i18n catalogues', () => {
  it('has the same namespace files in every language, and they are the ones the app loads', () => {
    const reference = namespaceFiles(defaultLanguage);
    expect(reference).toEqual([...namespaces].sort());
    for (const language of languages) expect(namespaceFiles(language), language).toEqual(reference);
  });

  describe.each(namespaces)('namespace %s', (namespace) => {
    const sv = flatten(readCatalogue(defaultLanguage, namespace));
    const others = languages
      .filter((l) => l !== defaultLanguage)
      .map((l) => [l, flatten(readCatalogue(l, namespace))] as const);

    it('has exactly the same keys in sv and en', () => {
      expect(sv.size).toBeGreaterThan(0);
      for (const [language, catalogue] of others) {
        expect([...catalogue.keys()].sort(), language).toEqual([...sv.keys()].sort());
      }
    });

    it('uses the same interpolation variables and component tags in every language', () => {
      for (const [language, catalogue] of others) {
        for (const [key, text] of sv) {
          const other = catalogue.get(key) ?? '';
          expect(variables(other), `${language} ${namespace}:${key}`).toEqual(variables(text));
          expect(tags(other), `${language} ${namespace}:${key}`).toEqual(tags(text));
        }
      }
    });

    it('has no empty texts', () => {
      for (const language of languages) {
        for (const [key, text] of flatten(readCatalogue(language, namespace))) {
          expect(text.trim(), `${language} ${namespace}:${key}`).not.toBe('');
        }
      }
    });
  });
});
