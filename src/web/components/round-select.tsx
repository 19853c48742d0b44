import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n.js';
import { signalRoundsQuery } from '../signals/api.js';
import { roundName } from '../signals/labels.js';

/**
 * The data round to show (newest first). Empty value = the default: the round with the most occupations assessed
 * for the area's level (the API's `defaultFor`), which is not always the newest. Only rounds computed for the area's
 * level are offered.
 */
export function RoundSelect({
  geoType,
  value,
  onChange,
}: {
  geoType: string;
  value: string | undefined;
  onChange: (round: string | undefined) => void;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const id = useId();
  const rounds = useQuery(signalRoundsQuery);
  const usable = (rounds.data?.rounds ?? []).filter((r) => r.geographyTypes.includes(geoType));
  if (usable.length === 0) return null;
  // The default round: the URL leaves it out.
  const standard = usable.find((r) => r.defaultFor.includes(geoType)) ?? usable[0];
  const selected = value && value !== standard?.roundId ? value : '';
  return (
    <div className="control">
      <label htmlFor={id}>{t('round.label')}</label>
      <select id={id} value={selected} onChange={(event) => onChange(event.target.value || undefined)}>
        {usable.map((round, index) => {
          const isDefault = round.roundId === standard?.roundId;
          const marks = [isDefault ? t('round.widest') : '', index === 0 ? t('round.latest') : ''].filter(
            Boolean,
          );
          return (
            <option key={round.roundId} value={isDefault ? '' : round.roundId}>
              {t('round.option', {
                label: roundName(t, round),
                date: formatDate(round.referenceDate, language),
              })}
              {marks.length > 0 ? ` – ${marks.join(', ')}` : ''}
            </option>
          );
        })}
      </select>
    </div>
  );
}
