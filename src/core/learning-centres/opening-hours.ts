/**
 * Reads "open evenings" and "open weekends" out of a free-text opening-hours statement, as written on the
 * centres' pages ("06–22 med passertagg", "tentamen vardagar och lördagar; ej söndagar och helgdagar",
 * "inga kvälls- eller helgtentor"). true = the text says so, false = the text explicitly says not,
 * null = not stated (the usual case: an empty field means "not stated", not "no").
 */
export interface OpenTimes {
  evenings: boolean | null;
  weekends: boolean | null;
}

/** An hour at or after which a stated closing time counts as "open in the evening". */
export const EVENING_FROM_HOUR = 19;

const NEGATIONS = new Set([
  'inga',
  'ingen',
  'inget',
  'inte',
  'ej',
  'stängt',
  'stängd',
  'no',
  'not',
  'closed',
]);
const EVENING = /^(kväll|evening)/;
const WEEKEND = /^(lördag|söndag|helg(?!dag)|weekend|saturday|sunday)/;
const ALWAYS = /dygnet runt|alla dagar|årets alla dagar|24\/7|7 dagar i veckan|all week/;

function words(text: string): string[] {
  return text
    .toLocaleLowerCase('sv')
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w !== '');
}

/** true / false / null for one keyword family: any plain mention wins, else a negated one gives false. */
function mentioned(tokens: string[], pattern: RegExp): boolean | null {
  let negated = false;
  for (let i = 0; i < tokens.length; i++) {
    if (!pattern.test(tokens[i] ?? '')) continue;
    const before = tokens.slice(Math.max(0, i - 3), i);
    if (before.some((w) => NEGATIONS.has(w))) negated = true;
    else return true;
  }
  return negated ? false : null;
}

/** The latest closing hour in ranges like "06–22", "8-20", "08.00–21.30" (hours 0–24 only). */
function latestClosingHour(text: string): number | undefined {
  let latest: number | undefined;
  for (const m of text.matchAll(/\b(\d{1,2})(?:[.:]\d{2})?\s*[–—-]\s*(\d{1,2})(?:[.:](\d{2}))?\b/g)) {
    const from = Number(m[1]);
    const to = Number(m[2]) + (m[3] ? Number(m[3]) / 60 : 0);
    if (from > 24 || to > 24 || to <= from) continue;
    latest = latest === undefined ? to : Math.max(latest, to);
  }
  return latest;
}

/** Parses a free-text opening-hours statement (Swedish or English). */
export function parseOpeningHours(text: string | null | undefined): OpenTimes {
  const t = (text ?? '').trim();
  if (t === '') return { evenings: null, weekends: null };
  const lower = t.toLocaleLowerCase('sv');
  const tokens = words(lower);
  let evenings = mentioned(tokens, EVENING);
  let weekends = mentioned(tokens, WEEKEND);
  if (ALWAYS.test(lower)) {
    if (evenings === null) evenings = true;
    if (weekends === null) weekends = true;
  }
  const closing = latestClosingHour(lower);
  if (evenings === null && closing !== undefined && closing >= EVENING_FROM_HOUR) evenings = true;
  return { evenings, weekends };
}
