import type { TFunction } from 'i18next';

/**
 * Words, not codes: the names users see for the enumerated values the API sends as codes (round datasets, source
 * ids, AF's categories and class texts, periods). Each falls back to what the API sent when the code is unknown, so
 * a new source shows its own label rather than nothing.
 */

type T = TFunction<'signals'>;

/** Rounds by dataset (`<source>/<dataset>`, as stored with the round) → the catalogue key of their name. */
const ROUND_NAME_KEYS = {
  'af-yrkesbarometer/barometer': 'barometer',
  'af-yrkesprognoser/1-ar': 'forecast1y',
  'af-yrkesprognoser/5-ar': 'forecast5y',
  'af-yrkesprognoser/bedomning': 'forecastLocal',
  'af-yrkesprognoser/historik': 'forecastHistory',
} as const;

/** The name of a round in the UI language ("Occupational forecasts 18H, counties, one-year horizon"). */
export function roundName(t: T, round: { dataset?: string; roundId: string; label: string }): string {
  const key = round.dataset ? ROUND_NAME_KEYS[round.dataset as keyof typeof ROUND_NAME_KEYS] : undefined;
  return key ? t(`names.roundName.${key}`, { round: round.roundId }) : round.label;
}

/** The dataset an assessment of the occupation page comes from, by its kind. */
export const ASSESSMENT_DATASETS = {
  recruitment: 'af-yrkesbarometer/barometer',
  job_opportunities: 'af-yrkesbarometer/barometer',
  outlook: 'af-yrkesbarometer/barometer',
  index_1y: 'af-yrkesprognoser/1-ar',
  index_5y: 'af-yrkesprognoser/5-ar',
  local_index: 'af-yrkesprognoser/bedomning',
} as const;

/** Source ids the signals cite, with a publisher name in the catalogue. */
export const NAMED_SOURCES = [
  'af-yrkesbarometer',
  'af-yrkesprognoser',
  'scb-yrkesregistret',
  'semafor-arbetsgivarbehov',
] as const;
type NamedSource = (typeof NAMED_SOURCES)[number];

/** The publisher and dataset of a source id ("SCB, Yrkesregistret"), never the id itself where a name is known. */
export function sourceName(t: T, sourceId: string, fallback?: string): string {
  return (NAMED_SOURCES as readonly string[]).includes(sourceId)
    ? t(`names.source.${sourceId as NamedSource}`)
    : (fallback ?? sourceId);
}

/**
 * AF's class texts of the 1–5 index as the file writes them (the same list as CLASS_TEXTS of the forecast adapter,
 * checked by a unit test): position + 1 is the class.
 */
export const AF_CLASS_TEXTS = [
  'Mer påtagligt överskott',
  'Visst överskott',
  'Balans',
  'Viss brist',
  'Mer påtaglig brist',
] as const;

/** AF's class text in the UI language (the Swedish text when unknown). */
export function indexClassText(t: T, classText: string): string {
  const index = (AF_CLASS_TEXTS as readonly string[]).indexOf(classText);
  return index === -1 ? classText : t(`names.indexClass.${String(index + 1) as '1'}`);
}

const RECRUITMENT = ['brist', 'balans', 'overskott', 'paradox'] as const;
const JOB_OPPORTUNITIES = ['stora', 'medelstora', 'sma'] as const;
const OUTLOOKS = ['oka', 'oforandrad', 'minska'] as const;

/** An AF category (recruitment situation, job opportunities, outlook) in words. */
export function assessmentValueText(
  t: T,
  kind: 'recruitment' | 'job_opportunities' | 'outlook' | string,
  value: string,
): string {
  if (kind === 'recruitment' && (RECRUITMENT as readonly string[]).includes(value))
    return t(`class.${value as (typeof RECRUITMENT)[number]}`);
  if (kind === 'job_opportunities' && (JOB_OPPORTUNITIES as readonly string[]).includes(value))
    return t(`names.jobOpportunities.${value as (typeof JOB_OPPORTUNITIES)[number]}`);
  if (kind === 'outlook' && (OUTLOOKS as readonly string[]).includes(value))
    return t(`outlook.${value as (typeof OUTLOOKS)[number]}`);
  return value;
}

/** A period as the explanation stores it ("18H (5 år)") in the UI language ("18H (5 years)"). */
export function periodText(t: T, period: string): string {
  const match = /^(.*) \((\d+) år\)$/.exec(period);
  if (!match) return period;
  return t('names.periodYears', { period: match[1], count: Number(match[2]) });
}
