import { useQuery } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { type MapDatum, SignalMapPanel } from '../../components/signal-map-panel.js';
import { type GeographyJson, type MapType, signalMapQuery } from '../../signals/api.js';
import { isSignalClass } from '../../signals/classes.js';
import { roundName } from '../../signals/labels.js';
import { RoundAge } from '../../signals/round-age.js';
import type { OccupationSearch } from '../../signals/search.js';

/** The occupation page: the occupation's class across the map. */
export function MapSection({
  ssyk,
  geo,
  search,
  label,
  print,
}: {
  ssyk: string;
  geo: GeographyJson;
  search: OccupationSearch & { geo?: string };
  label: string;
  print: boolean;
}) {
  const { t } = useTranslation('signals');
  const navigate = useNavigate();
  const router = useRouter();
  const ids = useId();
  const type: MapType = search.map ?? (geo.type === 'fa' ? 'fa' : 'county');
  const map = useQuery(signalMapQuery({ ssyk, type, round: search.round }));
  const data = new Map<string, MapDatum>(
    (map.data?.entries ?? []).map((e) => [
      e.geographyId,
      { value: isSignalClass(e.signalClass) ? e.signalClass : 'none', via: e.via },
    ]),
  );
  const searchFor = (region: string) => ({ geo: region, round: search.round, map: search.map });
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{t('occupation.mapHeading')}</h2>
      {!print && (
        <fieldset className="controls no-print">
          <legend>{t('occupation.mapType')}</legend>
          <div className="radio-row">
            {(['county', 'fa', 'municipality'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${ids}-map`}
                  checked={type === value}
                  onChange={() =>
                    void navigate({
                      to: '/yrken/$ssyk',
                      params: { ssyk },
                      search: (prev) => ({ ...prev, map: value }),
                      replace: true,
                    })
                  }
                />
                {t(`map.types.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {map.isPending && <Loading label={t('map.loading')} />}
      {map.isError && <ErrorNotice error={map.error} onRetry={() => void map.refetch()} />}
      {map.isSuccess && <RoundAge round={map.data.round} />}
      {map.isSuccess && (
        <SignalMapPanel
          type={type}
          data={data}
          subject={`${label}, ${roundName(t, map.data.round)}`}
          currentId={geo.id}
          viaNote
          hrefFor={(region) =>
            router.buildLocation({ to: '/yrken/$ssyk', params: { ssyk }, search: searchFor(region) }).href
          }
          onOpen={(region) =>
            void navigate({ to: '/yrken/$ssyk', params: { ssyk }, search: searchFor(region) })
          }
        />
      )}
    </section>
  );
}
