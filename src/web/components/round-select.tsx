import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n.js';
import { signalRoundsQuery } from '../signals/api.js';

/**
 * The data round to show (newest first). Empty value = the default, the newest round that covers the area's
 * level. Only rounds computed for the area's level are offered.
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
  // The newest round is the default: the URL leaves it out.
  const selected = value && value !== usable[0]?.roundId ? value : '';
  return (
    <div className="control">
      <label htmlFor={id}>{t('round.label')}</label>
      <select id={id} value={selected} onChange={(event) => onChange(event.target.value || undefined)}>
        {usable.map((round, index) => (
          <option key={round.roundId} value={index === 0 ? '' : round.roundId}>
            {t('round.option', { label: round.label, date: formatDate(round.referenceDate, language) })}
            {index === 0 ? ` – ${t('round.latest')}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
