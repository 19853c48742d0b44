/** Pure helpers for the learning-centre registry's fields: ids, yes/no values, organisers, contacts. */

/** A URL-safe id from a name: "Lärcentrum i Gävle (Utbildningscentrum …)" → "larcentrum-i-gavle-utbildningscentrum-…". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Stable ids are lower-case ASCII words joined by hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x', 'sant']);
const NO = new Set(['nej', 'n', 'no', 'false', '0', 'falskt']);

/** "ja"/"nej" (and yes/no/true/false/1/0/x) → boolean; empty → null ("not stated"); anything else → undefined. */
export function parseYesNo(value: string | null | undefined): boolean | null | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return null;
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

export const ORGANISER_TYPES = ['municipality', 'kommunalforbund', 'other'] as const;
export type OrganiserType = (typeof ORGANISER_TYPES)[number];

export interface MunicipalityName {
  code: string;
  /** Short name, e.g. "Gävle", "Malung-Sälen", "Upplands Väsby". */
  name: string;
}

/** A letter or digit in Swedish (and most Latin-script) names; cheaper to compile than \p{L}. */
export const WORD_CHAR = '[0-9A-Za-zÀ-ÖØ-öø-ÿ]';

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Municipalities named in a free text (organiser, e.g. "Hälsinglands Utbildningsförbund (kommunalförbund för
 * Bollnäs, Nordanstig och Söderhamn)"): whole-word, case-sensitive matches of the short name or its genitive
 * ("Smedjebackens kommuner"). Longer names win over names they contain ("Upplands Väsby" over "Väsby").
 */
export function municipalitiesNamedIn(text: string, municipalities: readonly MunicipalityName[]): string[] {
  if (text.trim() === '') return [];
  const sorted = [...municipalities].sort((a, b) => b.name.length - a.name.length);
  let rest = text;
  const found: string[] = [];
  for (const m of sorted) {
    if (!rest.includes(m.name)) continue;
    const source = `(?<!${WORD_CHAR})${escapeRegExp(m.name)}s?(?!${WORD_CHAR})`;
    if (new RegExp(source).test(rest)) {
      const re = new RegExp(source, 'g');
      found.push(m.code);
      rest = rest.replace(re, ' ');
    }
  }
  return found;
}

/**
 * Organiser type from the organiser text: a kommunalförbund when it says "förbund"; a municipality when it
 * names one municipality ("Gävle kommun", "Region Gotland"); otherwise "other" (companies, projects,
 * partnerships of several municipalities that are not a kommunalförbund). Empty organiser → null.
 */
export function organiserTypeOf(organiser: string, namedMunicipalities: number): OrganiserType | null {
  const t = organiser.trim();
  if (t === '') return null;
  if (/förbund/i.test(t)) return 'kommunalforbund';
  if (namedMunicipalities === 1 && /\bkommuns?\b|^Region\s/iu.test(t)) return 'municipality';
  return 'other';
}

/** E-mail addresses in a text, without trailing punctuation. */
export function emailsIn(text: string): string[] {
  return [...text.matchAll(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu)].map((m) =>
    m[0].replace(/[.,;:]+$/, ''),
  );
}

/** A syntactically plausible e-mail address. */
export function isEmail(value: string): boolean {
  return /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}$/u.test(value);
}

/** Words that mark a shared (function) mailbox rather than a person. */
const FUNCTION_WORDS =
  /^(larcentrum|lärcentrum|larcenter|lärcenter|larcentra|lärcentra|campus|tentamen|tenta|exam|vux|komvux|vuxenutbildning|vuxenutbildningen|info|information|kontakt|contact|studie|studier|syv|vagledning|vägledning|reception|kansli|expedition|support|student|studenter|admin|kommun|kundtjanst|kundtjänst|hogskolecentrum|högskolecentrum|utbildning|service|registrator|noreply|office)$/;

/**
 * True when an address looks personal ("anna.svensson@…", "a.svensson@…"): two or three name-like parts joined
 * by dots, hyphens or underscores, none of them a function word. The registry keeps function addresses only,
 * to keep personal data out of an open list.
 */
export function looksPersonalEmail(email: string): boolean {
  const local = (email.split('@')[0] ?? '').toLowerCase();
  const parts = local.split(/[._-]/).filter((p) => p !== '');
  if (parts.length < 2 || parts.length > 3) return false;
  if (!parts.every((p) => /^[\p{L}]+$/u.test(p))) return false;
  return !parts.some((p) => FUNCTION_WORDS.test(p));
}
