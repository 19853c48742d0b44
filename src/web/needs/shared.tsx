import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { municipalitiesQuery, occupationListQuery } from './api.js';

/** Occupation label by SSYK code in the UI language (falls back to the code). */
export function useOccupationNames(): (ssyk: string) => string {
  const { i18n } = useTranslation();
  const list = useQuery(occupationListQuery);
  const byCode = new Map((list.data?.results ?? []).map((o) => [o.ssyk, o]));
  return (ssyk) => {
    const o = byCode.get(ssyk);
    if (!o) return ssyk;
    return i18n.language === 'en' && o.labelEn ? o.labelEn : o.labelSv;
  };
}

/** Municipality name by code. */
export function useMunicipalityNames(): (code: string) => string {
  const list = useQuery(municipalitiesQuery);
  const byCode = new Map((list.data?.geographies ?? []).map((g) => [g.code, g.name]));
  return (code) => byCode.get(code) ?? code;
}

/** "Overdue" in words (and a sign), never colour alone. */
export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation('needs');
  if (!overdue) return null;
  return <span className="overdue-tag">{t('dashboard.overdue')}</span>;
}
