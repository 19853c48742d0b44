import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type GeographyJson, geographyQuery, signalRoundsQuery } from '../signals/api.js';
import { GEO_ID } from '../signals/search.js';
import { GeoPicker, useGeographies } from './geo-picker.js';

export type SignalGeoState =
  | { status: 'missing' }
  | { status: 'invalid'; geo: string }
  | { status: 'unknown'; geo: string }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | {
      status: 'ok';
      geo: GeographyJson;
      /** The geography whose signals are shown: itself, or (for a municipality when signals are not computed per
       * municipality) the FA region or county it lies in. */
      effective: GeographyJson;
    };

/**
 * Resolves the `geo` of the URL to a known geography, and to the geography whose signals can be shown.
 */
export function useSignalGeo(geoParam: string | undefined): SignalGeoState {
  const { query, byId } = useGeographies();
  const rounds = useQuery(signalRoundsQuery);
  const valid = geoParam !== undefined && GEO_ID.test(geoParam);
  const geo = valid ? byId.get(geoParam) : undefined;
  const needsParent =
    geo?.type === 'municipality' &&
    rounds.isSuccess &&
    !rounds.data.rounds.some((r) => r.geographyTypes.includes('municipality'));
  const detail = useQuery({ ...geographyQuery(geo?.id ?? ''), enabled: needsParent });

  if (geoParam === undefined) return { status: 'missing' };
  if (!valid) return { status: 'invalid', geo: geoParam };
  if (query.isError) return { status: 'error', error: query.error, retry: () => void query.refetch() };
  if (rounds.isError) return { status: 'error', error: rounds.error, retry: () => void rounds.refetch() };
  if (query.isPending || rounds.isPending) return { status: 'loading' };
  if (!geo) return { status: 'unknown', geo: geoParam };
  if (!needsParent) return { status: 'ok', geo, effective: geo };
  if (detail.isError) return { status: 'error', error: detail.error, retry: () => void detail.refetch() };
  if (detail.isPending) return { status: 'loading' };
  const container =
    detail.data.memberOf.find((g) => g.type === 'fa') ??
    detail.data.memberOf.find((g) => g.type === 'county');
  const effective = container ? byId.get(container.id) : undefined;
  return { status: 'ok', geo, effective: effective ?? geo };
}

/**
 * The round to keep when the user chooses another area: the chosen round when it covers the new area's level (a
 * municipality is shown through its FA region or county), else undefined, so the default round for that level
 * applies instead of an empty page.
 */
export function roundForGeoType(
  rounds: ReadonlyArray<{ roundId: string; geographyTypes: readonly string[] }>,
  round: string | undefined,
  geoType: string | undefined,
): string | undefined {
  if (!round || !geoType) return round;
  const types = geoType === 'municipality' ? ['municipality', 'fa', 'county'] : [geoType];
  return rounds.some((r) => r.roundId === round && r.geographyTypes.some((g) => types.includes(g)))
    ? round
    : undefined;
}

/** Says why the URL's area cannot be shown (missing, malformed, unknown) and offers the picker. */
export function GeoProblem({
  state,
  onSelect,
}: {
  state: Extract<SignalGeoState, { status: 'missing' | 'invalid' | 'unknown' }>;
  onSelect: (geoId: string) => void;
}) {
  const { t } = useTranslation('signals');
  return (
    <>
      {state.status === 'missing' ? (
        <p>{t('geo.chooseFirst')}</p>
      ) : (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">
            {state.status === 'invalid' ? t('geo.invalid', { geo: state.geo }) : t('notFound.geoTitle')}
          </p>
          {state.status === 'unknown' && <p>{t('notFound.geoText', { geo: state.geo })}</p>}
        </div>
      )}
      <GeoPicker value={undefined} onSelect={onSelect} />
    </>
  );
}

/** When a municipality's signals come from its FA region or county: say so and link to that area. */
export function SubstituteNotice({ geo, effective }: { geo: GeographyJson; effective: GeographyJson }) {
  const { t } = useTranslation('signals');
  if (geo.id === effective.id) return null;
  return (
    <div className="notice notice-info">
      <p>
        {t('geo.substitute', { municipality: geo.name, area: effective.name })}{' '}
        <Link to="." search={(prev) => ({ ...prev, geo: effective.id })}>
          {t('geo.openSubstitute', { area: effective.name })}
        </Link>
      </p>
    </div>
  );
}
