import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { defaultLanguage, isLanguage, type Language, languages, type Namespace } from '../i18n/languages.js';
import type account from '../i18n/locales/sv/account.json';
import type centres from '../i18n/locales/sv/centres.json';
import type common from '../i18n/locales/sv/common.json';
import type data from '../i18n/locales/sv/data.json';
import type education from '../i18n/locales/sv/education.json';
import type larcentra from '../i18n/locales/sv/larcentra.json';
import type needs from '../i18n/locales/sv/needs.json';
import type pages from '../i18n/locales/sv/pages.json';
import type priorities from '../i18n/locales/sv/priorities.json';
import type signals from '../i18n/locales/sv/signals.json';
import type start from '../i18n/locales/sv/start.json';

declare module 'i18next' {
  /** Translation keys are checked by tsc against the Swedish catalogues. */
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      start: typeof start;
      data: typeof data;
      pages: typeof pages;
      signals: typeof signals;
      larcentra: typeof larcentra;
      account: typeof account;
      priorities: typeof priorities;
      education: typeof education;
      needs: typeof needs;
      centres: typeof centres;
    };
  }
}

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'semafor.language';

// Each catalogue is its own small chunk: only the current language is downloaded.
const catalogues = import.meta.glob<Record<string, unknown>>('../i18n/locales/*/*.json', {
  import: 'default',
});

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = catalogues[`../i18n/locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`No catalogue ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (resources) => callback(null, resources),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : defaultLanguage;
  } catch {
    // Storage can be disabled (privacy mode); Swedish is the default then.
    return defaultLanguage;
  }
}

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted when storage is disabled; the choice still holds for this visit.
  }
}

/**
 * The catalogues a page needs beyond `common` (the frame: header, menu, footer, the header's sign-in link), by
 * path. Only these are loaded before a page is shown, not all eleven: on a phone each is a request and a module to
 * run (~25 kB of the first view). A component using a namespace not listed here still works: react-i18next
 * suspends it until the catalogue has loaded (the route's loading line), so a gap costs a moment, not a page.
 */
const PAGE_NAMESPACES: ReadonlyArray<readonly [RegExp, readonly Namespace[]]> = [
  [/^\/$/, ['start', 'signals']],
  [/^\/(signaler|karta|print)(\/|$)/, ['signals']],
  [/^\/yrken(\/|$)/, ['signals', 'education', 'needs']],
  [/^\/larcentra\/[^/]+\/tentamen\/?$/, ['centres', 'larcentra']],
  [/^\/(larcentrum|admin\/larcentra)(\/|$)/, ['centres', 'larcentra']],
  [/^\/larcentra(\/|$)/, ['larcentra']],
  [/^\/data(\/|$)/, ['data', 'signals']],
  [/^\/prioriteringar(\/|$)/, ['priorities', 'signals']],
  [/^\/utbildning(\/|$)/, ['education', 'signals']],
  [/^\/(maklare|arenden|arbetsgivare)(\/|$)/, ['needs', 'signals']],
];

/**
 * The open pages anyone reads without signing in (start, signals, occupations, map, print, learning centres and
 * coverage, data): they need no `account` catalogue (8 kB, the sign-in form, roles, admin pages), so a phone's
 * first view of them goes without it. Every other page gets it (sign-in, account, admin, and the pages behind a
 * role, whose access notices are in it).
 */
const OPEN_PAGES =
  /^\/(|signaler|karta|print\/.*|yrken\/.*|data|larcentra|larcentra\/tackning|larcentra\/[^/]+)\/?$/;

/** The namespaces to load before showing `pathname`: the frame's, then the page's own (pages: not-found etc.). */
export function namespacesFor(pathname: string): Namespace[] {
  const page = PAGE_NAMESPACES.find(([pattern]) => pattern.test(pathname))?.[1] ?? ['pages'];
  return OPEN_PAGES.test(pathname) ? ['common', ...page] : ['common', 'account', ...page];
}

/** Loads the catalogues of a page (before the router shows it); resolves at once when they are loaded. */
export function loadPageNamespaces(pathname: string): Promise<void> {
  return i18next.isInitialized ? i18next.loadNamespaces(namespacesFor(pathname)) : Promise.resolve();
}

/** Initialises i18next with the remembered language (Swedish by default). Resolves when its catalogues are loaded. */
export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', reflectLanguage);
  await i18next
    .use(lazyCatalogues)
    .use(initReactI18next)
    .init({
      lng: storedLanguage(),
      fallbackLng: defaultLanguage,
      supportedLngs: [...languages],
      // Only the catalogues of the page being opened; the others load with the page that needs them.
      ns: namespacesFor(window.location.pathname),
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes.
      returnNull: false,
      react: { useSuspense: true },
    });
  return i18next;
}

/** The current UI language, narrowed to the ones Semafor supports. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : defaultLanguage;
}
