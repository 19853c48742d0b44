import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n.js';
import type { RoundJson } from './api.js';

/** Texts that depend on the round's metadata (what its class and outlook look ahead), for tables and exports. */
export interface HorizonTexts {
  classColumn: string;
  outlookColumn: string;
}

type T = TFunction<'signals'>;

/** Column headings from the round's horizon ("Signal, bedömning 1 år", "Prognos 5 år") instead of fixed texts. */
export function horizonTexts(t: T, round: Pick<RoundJson, 'horizon'>): HorizonTexts {
  return {
    classColumn: t('column.classHorizon', { count: round.horizon.assessmentYears }),
    outlookColumn:
      round.horizon.outlookYears === null
        ? t('column.outlookNone')
        : t('column.outlookHorizon', { count: round.horizon.outlookYears }),
  };
}

/**
 * The age of the round's data in one sentence ("Referensdatum 31 december 2018 – data nästan 8 år gammal"), and a
 * second sentence when it counts as old: words, not colour, carry the warning (exports and print use the same text).
 */
export function roundAgeLines(t: T, round: Pick<RoundJson, 'age'>, language: 'sv' | 'en'): string[] {
  const lines = [
    t('round.age', { date: formatDate(round.age.referenceDate, language), age: round.age.words[language] }),
  ];
  if (round.age.isOld) lines.push(t('round.old', { count: round.age.oldAfterYears }));
  return lines;
}

/** The age of the round's data, marked as old data in words when older than the setting. */
export function RoundAge({ round }: { round: Pick<RoundJson, 'age'> }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const [age, old] = roundAgeLines(t, round, language);
  return (
    <p
      className={round.age.isOld ? 'round-age round-age-old' : 'round-age'}
      data-testid="round-age"
      data-old={round.age.isOld}
    >
      {old ? <strong>{t('round.oldTag')}: </strong> : null}
      {age} {old}
    </p>
  );
}
