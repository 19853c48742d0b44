import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api.js';
import { useLanguage } from '../i18n.js';

interface EmployerSignalsJson {
  since: string;
  until: string;
  rows: Array<{ geoId: string; suppressed: boolean; text: string }>;
}

/**
 * The occupation page's employer signals (issue 11): distinct employers with a need in the last 12 months in the
 * chosen geography, as the server words it; below 3 employers only "färre än 3". No employer is ever named.
 */
export function EmployerSignalsSection({ ssyk, geoId }: { ssyk: string; geoId: string }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const signals = useQuery({
    queryKey: ['employer-signals', ssyk, geoId, language],
    queryFn: ({ signal }) =>
      apiGet<EmployerSignalsJson>(
        `/api/occupations/${encodeURIComponent(ssyk)}/employer-needs?geo=${encodeURIComponent(geoId)}&lang=${language}`,
        { signal },
      ),
  });
  if (!signals.isSuccess) return null;
  const row = signals.data.rows[0];
  return (
    <section aria-labelledby="employer-signals-heading" data-testid="employer-signals">
      <h2 id="employer-signals-heading">{t('signals.heading')}</h2>
      <p>{row ? row.text : t('signals.none')}</p>
      <p className="hint">{t('signals.about')}</p>
    </section>
  );
}
