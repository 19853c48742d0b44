import { closestMatches, editDistance, normalizeLabel } from './closest.js';

/**
 * The fixed service vocabulary of the learning-centre registry, based on Nitus' quality criteria (part A,
 * "Mötesplats": premises with study and group places, access beyond office hours, technology such as
 * videoconference, computers, printer/scanner and library databases, and exam invigilation) plus the support
 * functions named in the Skolverket and Tillväxtverket texts (guidance, help with Swedish, accessibility).
 */
export const SERVICE_CODES = [
  'study_places',
  'group_rooms',
  'computers',
  'videoconference',
  'printing_scanning',
  'library_access',
  'exam_invigilation',
  'study_guidance',
  'language_support',
  'accessible_premises',
  'after_hours_access',
] as const;

export type ServiceCode = (typeof SERVICE_CODES)[number];

export interface ServiceDefinition {
  code: ServiceCode;
  sv: string;
  en: string;
  /** Patterns on the normalised Swedish/English free-text label that mean this service. */
  patterns: RegExp[];
}

export const SERVICES: readonly ServiceDefinition[] = [
  {
    code: 'study_places',
    sv: 'Studieplatser',
    en: 'Study places',
    patterns: [
      /studie(?:arbets)?plats/,
      /närstudieplats/,
      /studieyt/,
      /studielokal/,
      /^studierum$/,
      /självstudie/,
      /study (?:place|space|desk)/,
    ],
  },
  {
    code: 'group_rooms',
    sv: 'Grupprum',
    en: 'Group rooms',
    patterns: [/grupprum/, /grupparbete/, /studierum för större grupper/, /group (?:room|work)/],
  },
  {
    code: 'computers',
    sv: 'Datorer',
    en: 'Computers',
    patterns: [/dator/, /computer/],
  },
  {
    code: 'videoconference',
    sv: 'Videokonferens',
    en: 'Videoconference',
    patterns: [
      /videokonferens/,
      /videomöte/,
      /digitala möten/,
      /telebild/,
      /sändningsutrustning/,
      /storbildsskärm/,
      /föreläsningar (?:och seminarier )?(?:på|via) distans/,
      /video ?conferenc/,
    ],
  },
  {
    code: 'printing_scanning',
    sv: 'Utskrift och skanning',
    en: 'Printing and scanning',
    patterns: [/skrivare/, /utskrift/, /kopiering/, /kopiator/, /skann/, /\bscann/, /\bprint/],
  },
  {
    code: 'library_access',
    sv: 'Bibliotek och databaser',
    en: 'Library and database access',
    patterns: [/bibliotek/, /databas/, /kurslitteratur/, /library/],
  },
  {
    code: 'exam_invigilation',
    sv: 'Tentamen med skrivvakt',
    en: 'Exam invigilation',
    patterns: [/tenta/, /skrivvakt/, /\bexams?\b/, /invigilat/],
  },
  {
    code: 'study_guidance',
    sv: 'Studie- och yrkesvägledning',
    en: 'Study and career guidance',
    patterns: [/vägledning/, /^syv$/, /guidance/, /counsell?ing/],
  },
  {
    code: 'language_support',
    sv: 'Språkstöd',
    en: 'Language support',
    patterns: [/språkstöd/, /svenskstöd/, /språkverkstad/, /stöd i svenska/, /language support/],
  },
  {
    code: 'accessible_premises',
    sv: 'Tillgängliga lokaler',
    en: 'Accessible premises',
    patterns: [/tillgängliga lokaler/, /tillgänglighetsanpass/, /handikappanpass/, /hörslinga/, /accessible/],
  },
  {
    code: 'after_hours_access',
    sv: 'Tillgång utanför öppettider',
    en: 'After-hours access',
    patterns: [/passertagg/, /passerkort/, /dygnet runt/, /kvällstid/, /after[- ]hours/],
  },
];

const byCode = new Map(SERVICES.map((s) => [s.code, s]));

/** True for a code of the vocabulary. */
export function isServiceCode(value: string): value is ServiceCode {
  return byCode.has(value as ServiceCode);
}

/** The definition of a code. */
export function serviceDefinition(code: ServiceCode): ServiceDefinition {
  const found = byCode.get(code);
  if (!found) throw new Error(`unknown service code ${code}`);
  return found;
}

/** Every name a service can be written as: code, Swedish and English label. */
function namesOf(s: ServiceDefinition): string[] {
  return [s.code, s.sv, s.en];
}

/**
 * Maps one free-text label (as in larcentra.csv `services`) to vocabulary codes. A label can mean several
 * services ("studiearbetsplatser med dator" → study places + computers) or none (education offers such as
 * "vuxenutbildning" are kept as tags, not services).
 */
export function servicesForLabel(label: string): ServiceCode[] {
  const text = normalizeLabel(label);
  if (text === '') return [];
  const exact = exactNames.get(text);
  if (exact) return [exact];
  return SERVICES.filter((s) => s.patterns.some((p) => p.test(text))).map((s) => s.code);
}

export interface ServiceSuggestion {
  code: ServiceCode;
  /** The name that was closest (code or label). */
  name: string;
  distance: number;
}

/**
 * The vocabulary entry closest to an unknown label or code: a label the vocabulary understands ("tentamen" →
 * exam_invigilation), else a name that contains the input ("exam"), else the smallest edit distance.
 */
export function suggestService(input: string): ServiceSuggestion | undefined {
  const [mapped] = servicesForLabel(input);
  if (mapped) return { code: mapped, name: mapped, distance: 0 };
  const needle = normalizeLabel(input);
  const names = SERVICES.flatMap((s) => namesOf(s).map((name) => ({ code: s.code, name })));
  if (needle.length >= 3) {
    const containing = names.filter((n) => normalizeLabel(n.name).includes(needle));
    const [shortest] = containing.sort((a, b) => a.name.length - b.name.length);
    if (shortest) return { ...shortest, distance: shortest.name.length - needle.length };
  }
  const [best] = closestMatches(input, names, (n) => n.name, 1);
  return best ? { code: best.candidate.code, name: best.candidate.name, distance: best.distance } : undefined;
}

/** Names and pattern words an unmapped label is compared with, normalised once. */
const misspellingKeywords: ReadonlyArray<{ code: ServiceCode; name: string; normalized: string }> = [
  ...SERVICES.flatMap((s) => namesOf(s).map((name) => ({ code: s.code, name }))),
  ...(
    [
      ['study_places', 'studieplatser'],
      ['group_rooms', 'grupprum'],
      ['computers', 'datorer'],
      ['exam_invigilation', 'tentamen'],
      ['exam_invigilation', 'skrivvakt'],
      ['study_guidance', 'vägledning'],
      ['after_hours_access', 'passertagg'],
      ['library_access', 'bibliotek'],
      ['printing_scanning', 'skrivare'],
    ] as const
  ).map(([code, name]) => ({ code, name })),
].map((k) => ({ ...k, normalized: normalizeLabel(k.name) }));

const exactNames: ReadonlyMap<string, ServiceCode> = new Map(
  SERVICES.flatMap((s) => namesOf(s).map((n) => [normalizeLabel(n), s.code] as const)),
);

/**
 * True when an unmapped free-text label is so close to a vocabulary name (or a word the patterns look for)
 * that it is most likely a misspelling, e.g. "grupprumm" or "tentamn". Such labels are rejected at import
 * instead of being kept silently as tags.
 */
export function looksLikeMisspelledService(label: string): ServiceSuggestion | undefined {
  const text = normalizeLabel(label);
  if (text.length < 4 || servicesForLabel(text).length > 0) return undefined;
  const tolerance = Math.max(1, Math.floor(text.length / 6));
  let best: ServiceSuggestion | undefined;
  for (const k of misspellingKeywords) {
    if (Math.abs(k.normalized.length - text.length) > tolerance) continue;
    const d = editDistance(text, k.normalized);
    if (d > 0 && d <= tolerance && (!best || d < best.distance))
      best = { code: k.code, name: k.name, distance: d };
  }
  return best;
}
