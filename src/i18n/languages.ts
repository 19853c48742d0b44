/** The languages Semafor speaks. Swedish is the default and the fallback; catalogues are written Swedish first. */
export const languages = ['sv', 'en'] as const;

export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'sv';

/** Catalogue namespaces (one JSON file per namespace and language under src/i18n/locales/<lang>/). */
export const namespaces = [
  'common',
  'start',
  'data',
  'pages',
  'signals',
  'larcentra',
  'account',
  'priorities',
  'education',
  'needs',
  'centres',
] as const;

export type Namespace = (typeof namespaces)[number];

/** Narrows an unknown value (localStorage, query string) to a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The BCP 47 locale used with Intl for a UI language. English uses British conventions (5 March 2026). */
export function intlLocale(language: Language): string {
  return language === 'sv' ? 'sv-SE' : 'en-GB';
}
