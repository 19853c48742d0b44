import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { areasQuery, type GeographyJson, geographiesQuery } from '../signals/api.js';
import { type GeoLike, searchGeographies } from '../signals/geo-search.js';
import { Combobox, type ComboboxOption } from './combobox.js';
import { ErrorNotice } from './error-notice.js';
import { Loading } from './loading.js';

export type GeoTypeKey = 'country' | 'county' | 'fa' | 'municipality' | 'area';

function typeKey(type: string): GeoTypeKey {
  return type === 'country' || type === 'county' || type === 'fa' || type === 'municipality' ? type : 'area';
}

/**
 * The names of every geography by id (for headings and map labels). The country is named in the UI language
 * (the database has the Swedish name only); the other names are proper names in both languages.
 */
export function useGeographies() {
  const { t } = useTranslation('signals');
  const query = useQuery(geographiesQuery);
  const countryName = t('geo.type.country');
  const byId = useMemo(
    () =>
      new Map<string, GeographyJson>(
        (query.data?.geographies ?? []).map((g) => [
          g.id,
          g.type === 'country' ? { ...g, name: countryName, shortName: countryName } : g,
        ]),
      ),
    [query.data, countryName],
  );
  return { query, byId };
}

/**
 * Choose a county, FA region, municipality or custom area: search as you type, also by a municipality's name
 * (which brings its county and the custom areas containing it).
 */
export function GeoPicker({
  value,
  onSelect,
}: {
  value: string | undefined;
  onSelect: (geoId: string) => void;
}) {
  const { t, i18n } = useTranslation('signals');
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'sv';
  const { query, byId } = useGeographies();
  const areas = useQuery(areasQuery);

  const members = useMemo(
    () =>
      new Map(
        (areas.data?.areas ?? []).map((a) => [a.id, a.members.map((m) => `municipality:${m.code}`)] as const),
      ),
    [areas.data],
  );
  const list: GeoLike[] = useMemo(() => [...byId.values()], [byId]);

  const search = useCallback(
    (text: string): ComboboxOption[] =>
      searchGeographies(list, text, { members, language }).map(({ geo, via }) => {
        const county = geo.type === 'municipality' && geo.parentId ? byId.get(geo.parentId) : undefined;
        const meta = [
          t(`geo.type.${typeKey(geo.type)}`),
          county ? t('geo.inCounty', { county: county.name }) : undefined,
          via ? t('geo.contains', { municipality: via }) : undefined,
        ]
          .filter(Boolean)
          .join(', ');
        return { id: geo.id, label: geo.name, meta };
      }),
    [list, members, language, byId, t],
  );

  if (query.isPending) return <Loading label={t('geo.loading')} />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Combobox
      name="geo"
      label={t('geo.label')}
      help={t('geo.help')}
      placeholder={t('geo.placeholder')}
      search={search}
      selectedLabel={value ? byId.get(value)?.name : undefined}
      onSelect={(option) => onSelect(option.id)}
      noMatchText={(text) => t('geo.noMatch', { query: text })}
      resultsText={(count) => t('geo.results', { count })}
    />
  );
}
