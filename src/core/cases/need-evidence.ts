import { longDate } from '../calendar/long-date.js';
/**
 * Employer needs as evidence (issue 11): per occupation × geography, the distinct employers with a need in the last
 * 12 months and the number of people. Public outputs never name employers and suppress counts below 3 employers.
 */
export const NEED_SUPPRESSION_THRESHOLD = 3;

export interface NeedCount {
  employers: number;
  people: number;
  /** The newest day a need was heard (ISO date). */
  latest: string;
}

export interface PublicNeedCount {
  employers: number | null;
  people: number | null;
  latest: string | null;
  /** True when fewer than 3 employers: no figure (nor the date, which could point at one employer) is shown. */
  suppressed: boolean;
}

/** Suppresses a count below the threshold: the public sees "fewer than 3", nothing else. */
export function suppressNeedCount(count: NeedCount): PublicNeedCount {
  if (count.employers < NEED_SUPPRESSION_THRESHOLD) {
    return { employers: null, people: null, latest: null, suppressed: true };
  }
  return { ...count, suppressed: false };
}

/** The explanation line: "Arbetsgivarsignaler: 4 arbetsgivare, 11 personer, senast 3 oktober 2026". */
export function needEvidenceText(count: PublicNeedCount | NeedCount, language: 'sv' | 'en' = 'sv'): string {
  const group = (n: number) => new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB').format(n);
  if ('suppressed' in count && count.suppressed) {
    return language === 'sv'
      ? `Arbetsgivarsignaler: färre än ${NEED_SUPPRESSION_THRESHOLD} arbetsgivare`
      : `Employer signals: fewer than ${NEED_SUPPRESSION_THRESHOLD} employers`;
  }
  const { employers, people, latest } = count as NeedCount;
  return language === 'sv'
    ? `Arbetsgivarsignaler: ${group(employers)} arbetsgivare, ${group(people)} ${people === 1 ? 'person' : 'personer'}, senast ${longDate(latest, 'sv')}`
    : `Employer signals: ${group(employers)} ${employers === 1 ? 'employer' : 'employers'}, ${group(people)} ${people === 1 ? 'person' : 'people'}, latest ${longDate(latest, 'en')}`;
}
