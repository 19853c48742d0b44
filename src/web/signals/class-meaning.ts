import type { Language } from '../../i18n/languages.js';
import type { MethodSummary } from '../../modules/methods/methods.service.js';
import { formatNumber } from '../format.js';

/**
 * The numbers the plain-language class meanings quote (`classMeaning.*` in the catalogue), taken from the method
 * version the signal was computed with, so a new version's thresholds never disagree with a copy in the texts.
 */
export function classMeaningValues(
  method: Pick<MethodSummary, 'classes' | 'evidence'>,
  language: Language,
): Record<'shortageMin' | 'watchMin' | 'surplusMax' | 'groups', string> {
  const n = (value: number): string =>
    formatNumber(value, language, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  return {
    shortageMin: n(method.classes.shortageMin),
    watchMin: n(method.classes.watchMin),
    surplusMax: n(method.classes.surplusMax),
    groups: formatNumber(method.evidence.minIndependentGroups, language),
  };
}
